// A page's island: the one plain script a page without React ships (ADR 032). Its address comes
// from the loader (`islandSrc`), since only the server reads the build's island manifest.
import { useNonce } from "~/lib/nonce";

export function IslandScript({ src }: { src: string | null }) {
  const nonce = useNonce();
  return src ? <script type="module" src={src} nonce={nonce} /> : null;
}
