// A strict-enough iCalendar reader for tests: unfolds lines, checks CRLF and BEGIN/END nesting,
// and returns the components with their properties (name, params, value).
export type IcsProperty = { name: string; params: Record<string, string>; value: string };
export type IcsComponent = { type: string; props: IcsProperty[]; children: IcsComponent[] };

export function parseIcs(text: string): IcsComponent {
  if (!text.endsWith("\r\n")) throw new Error("iCalendar must end with CRLF");
  if (/[^\r]\n/.test(text)) throw new Error("bare LF in iCalendar");
  const raw = text.split("\r\n");
  for (const line of raw)
    if (new TextEncoder().encode(line).length > 75)
      throw new Error(`line longer than 75 octets: ${line}`);
  const lines = raw
    .join("\r\n")
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
  const stack: IcsComponent[] = [];
  let root: IcsComponent | null = null;
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon < 0) throw new Error(`no colon: ${line}`);
    const [name, ...paramParts] = line.slice(0, colon).split(";");
    const value = line.slice(colon + 1);
    const params = Object.fromEntries(paramParts.map((p) => p.split("=") as [string, string]));
    if (name === "BEGIN") {
      const c: IcsComponent = { type: value, props: [], children: [] };
      if (stack.length) stack[stack.length - 1]!.children.push(c);
      else root = c;
      stack.push(c);
    } else if (name === "END") {
      const c = stack.pop();
      if (!c || c.type !== value) throw new Error(`END:${value} does not close ${c?.type}`);
    } else {
      if (!stack.length) throw new Error(`property outside a component: ${line}`);
      stack[stack.length - 1]!.props.push({ name: name!, params, value });
    }
  }
  if (stack.length || !root) throw new Error("unclosed component");
  return root;
}

export const prop = (c: IcsComponent, name: string) => c.props.find((p) => p.name === name);
export const child = (c: IcsComponent, type: string) => c.children.find((x) => x.type === type);
export const unescapeText = (v: string) => v.replace(/\\n/gi, "\n").replace(/\\([,;\\])/g, "$1");

/** The UTC instant of a DTSTART;TZID=… value, resolved against the file's own VTIMEZONE. */
export function resolveLocal(calendar: IcsComponent, p: IcsProperty): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(p.value);
  if (!m) throw new Error(`bad date-time ${p.value}`);
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  if (m[7] === "Z") return new Date(wall);
  const tz = calendar.children.find(
    (c) => c.type === "VTIMEZONE" && prop(c, "TZID")?.value === p.params.TZID,
  );
  if (!tz) throw new Error(`no VTIMEZONE for ${p.params.TZID}`);
  // The observance in force: the latest one whose DTSTART (local) is at or before the wall time.
  const parseOffset = (o: string) =>
    (o[0] === "-" ? -1 : 1) * (Number(o.slice(1, 3)) * 60 + Number(o.slice(3, 5)));
  const observances = tz.children
    .map((o) => {
      const s = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(prop(o, "DTSTART")!.value)!;
      return {
        start: Date.UTC(+s[1]!, +s[2]! - 1, +s[3]!, +s[4]!, +s[5]!, +s[6]!),
        from: parseOffset(prop(o, "TZOFFSETFROM")!.value),
        to: parseOffset(prop(o, "TZOFFSETTO")!.value),
      };
    })
    .sort((a, b) => a.start - b.start);
  const before = observances.filter((o) => o.start <= wall);
  const offset = before.length ? before[before.length - 1]!.to : observances[0]!.from;
  return new Date(wall - offset * 60000);
}
