/**
 * Who deals with whom (cytoscape.js): actors as nodes, one edge per actor → recipient pair and event type, as wide as
 * its count, coloured by quad class and dashed for conflict (so colour is not the only cue). The table under it
 * lists the same edges for keyboard and screen-reader users.
 */
import type cytoscape from "cytoscape";
import { useEffect, useRef, useState } from "preact/hooks";
import { quadOf } from "../plover";

export interface NetworkEvent {
  type: string;
  quadClass?: number | null;
  actors: string[];
  recipients: string[];
}

export interface Edge {
  from: string;
  to: string;
  type: string;
  quad: number;
  count: number;
}

/** Country level (RUSGOV → RUS) unless asked for full codes; unknown codes are left out. */
const node = (code: string, full: boolean) => (full ? code : code.slice(0, 3));

export function edgesOf(events: NetworkEvent[], full: boolean): Edge[] {
  const m = new Map<string, Edge>();
  for (const e of events) {
    const quad = quadOf(e.type, e.quadClass)?.n ?? 0;
    for (const a of new Set(e.actors.filter(Boolean).map((c) => node(c, full))))
      for (const r of new Set(e.recipients.filter(Boolean).map((c) => node(c, full)))) {
        if (a === r) continue;
        const k = `${a}|${r}|${e.type}`;
        const edge = m.get(k) ?? { from: a, to: r, type: e.type, quad, count: 0 };
        edge.count++;
        m.set(k, edge);
      }
  }
  return [...m.values()].sort((x, y) => y.count - x.count || x.from.localeCompare(y.from));
}

const COLOURS: Record<number, string> = { 0: "#4f5661", 1: "#1f6fb2", 2: "#16794a", 3: "#a35200", 4: "#b3261e" };

export function Network({ events, title }: { events: NetworkEvent[]; title: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [full, setFull] = useState(false);
  const edges = edgesOf(events, full);
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();

  useEffect(() => {
    if (!host.current || edges.length === 0) return;
    let cy: cytoscape.Core | undefined;
    let live = true;
    // cytoscape is most of the page's code: loaded only when a network is shown.
    void import("cytoscape").then(({ default: make }) => {
      if (!live || !host.current) return;
      cy = make({
      container: host.current,
      elements: [
        ...nodes.map((id) => ({ data: { id, label: id } })),
        ...edges.map((e, i) => ({ data: { id: `e${i}`, source: e.from, target: e.to, label: `${e.type} ×${e.count}`, width: 1.5 + Math.min(8, e.count * 1.5), colour: COLOURS[e.quad], style: e.quad >= 3 ? "dashed" : "solid" } })),
      ],
      style: [
        { selector: "node", style: { label: "data(label)", "background-color": "#e8edf3", "border-color": "#1b1f24", "border-width": 2, width: 46, height: 46, "text-valign": "center", "font-size": 13, "font-weight": "bold", color: "#1b1f24" } },
        {
          selector: "edge",
          style: {
            width: "data(width)",
            "line-color": "data(colour)",
            "line-style": (ele: cytoscape.EdgeSingular) => ele.data("style") as "solid" | "dashed",
            "target-arrow-color": "data(colour)",
            "target-arrow-shape": "triangle",
            "curve-style": "bezier",
            label: "data(label)",
            "font-size": 10,
            color: "#1b1f24",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
            "text-background-padding": "2px",
          },
        },
      ],
      layout: { name: "circle", padding: 24 },
      wheelSensitivity: 0.3,
      });
      host.current.dataset.ready = "true";
    });
    return () => {
      live = false;
      cy?.destroy();
    };
  }, [JSON.stringify(edges)]);

  if (edges.length === 0) return <p>No events between named actors.</p>;
  return (
    <figure class="network">
      <label class="net-toggle">
        <input type="checkbox" checked={full} onChange={(e) => setFull(e.currentTarget.checked)} /> full actor codes (RUSGOV) instead of countries
      </label>
      <div class="net-host" ref={host} data-testid="network" role="img" aria-label={`${title}: ${nodes.join(", ")}; the edges are listed in the table below`} />
      <details>
        <summary>Edges as a table ({edges.length})</summary>
        <table class="events" data-testid="network-edges">
          <thead>
            <tr>
              <th scope="col">actor</th>
              <th scope="col">recipient</th>
              <th scope="col">type</th>
              <th scope="col">events</th>
            </tr>
          </thead>
          <tbody>
            {edges.map((e) => (
              <tr key={`${e.from}${e.to}${e.type}`}>
                <td>{e.from}</td>
                <td>{e.to}</td>
                <td>{e.type}</td>
                <td>{e.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
