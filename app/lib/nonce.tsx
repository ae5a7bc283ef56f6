// The per-response CSP nonce, handed from entry.server to the document's <Scripts>.
// In the browser it is empty (browsers hide nonces from the DOM), which React accepts.
import { createContext, useContext } from "react";

export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
