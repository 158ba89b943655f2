/**
 * A zoomable timeline (D3: scales, axis, zoom) of story events: the story's own events in one band, background
 * history in another below it. Each event is a link to its evidence, drawn with its quad class's shape and colour,
 * a number giving its independent sources, and a "!" when its mentions contradict each other. Partial dates
 * ("1960", "2018-11") are drawn as a bar over the span they cover. Zoom with the wheel, by dragging, or with the
 * buttons (keyboard); every event is also in the list below, which is the timeline's text alternative.
 */
import { axisBottom } from "d3-axis";
import { scaleTime, type ScaleTime } from "d3-scale";
import { select } from "d3-selection";
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from "d3-zoom";
import { useEffect, useRef } from "preact/hooks";
import { dateSpan } from "../dates";
import { quadOf } from "../plover";

export interface TimelineItem {
  id: string;
  date: string | null;
  type: string;
  quadClass?: number | null;
  label: string;
  background: boolean;
  articles: number;
  sources: number;
  contradictions: number;
  href: string;
}

const BAND = 96;
const LANE = 22;
const LANES = 3;
const TOP = 18;

/** The marker of a quad class: circle, square, triangle, diamond (radius r). */
function shape(n: number | undefined, r: number): string {
  if (n === 2) return `M${-r},${-r}h${2 * r}v${2 * r}h${-2 * r}z`;
  if (n === 3) return `M0,${-r * 1.2}L${r * 1.1},${r * 0.9}H${-r * 1.1}z`;
  if (n === 4) return `M0,${-r * 1.3}L${r * 1.3},0L0,${r * 1.3}L${-r * 1.3},0z`;
  return `M${r},0A${r},${r} 0 1 1 ${-r},0A${r},${r} 0 1 1 ${r},0z`;
}

const toDate = (ymd: string) => new Date(`${ymd}T00:00:00Z`);

interface Placed {
  item: TimelineItem;
  from: Date;
  to: Date;
  partial: boolean;
  lane: number;
  labelled: boolean;
}

/** Greedy lanes: an event goes in the first lane whose last label ends before it starts (in pixels at this zoom). */
function place(items: TimelineItem[], x: ScaleTime<number, number>): Placed[] {
  const out: Placed[] = [];
  for (const band of [false, true]) {
    const ends: number[] = [];
    const inBand = items
      .filter((i) => i.background === band)
      .map((item) => {
        const span = dateSpan(item.date)!;
        return { item, from: toDate(span[0]), to: toDate(span[1]), partial: item.date!.length < 10 };
      })
      .sort((a, b) => +a.from - +b.from);
    for (const p of inBand) {
      const start = x(p.from) - 7;
      let lane = ends.findIndex((end) => end < start);
      if (lane < 0 && ends.length < LANES) lane = ends.length;
      // No free lane at this zoom: the marker still goes in (in the lane that frees first), its label waits for a zoom.
      const labelled = lane >= 0;
      if (!labelled) lane = ends.indexOf(Math.min(...ends));
      ends[lane] = Math.max(ends[lane] ?? -Infinity, Math.max(x(p.to), start) + (labelled ? 22 + (p.item.type.length + 2) * 7 : 14));
      out.push({ ...p, lane, labelled });
    }
  }
  return out;
}

export function Timeline({ items, title }: { items: TimelineItem[]; title: string }) {
  const host = useRef<HTMLDivElement>(null);
  const zoomRef = useRef<{ z: ZoomBehavior<SVGSVGElement, unknown>; svg: SVGSVGElement; story: ZoomTransform | null } | null>(null);
  const dated = items.filter((i) => dateSpan(i.date));

  useEffect(() => {
    const el = host.current;
    if (!el || dated.length === 0) return;
    const width = Math.max(320, el.clientWidth);
    const height = TOP + 2 * BAND + 30;
    const spans = dated.map((i) => dateSpan(i.date)!);
    const lo = toDate(spans.map((s) => s[0]).sort()[0]!);
    const hi = toDate(spans.map((s) => s[1]).sort().at(-1)!);
    const pad = Math.max((+hi - +lo) * 0.04, 30 * 864e5);
    const x0 = scaleTime().domain([new Date(+lo - pad), new Date(+hi + pad)]).range([12, width - 12]);

    const svg = select(el).append("svg").attr("width", width).attr("height", height).attr("role", "group").attr("aria-label", title);
    svg.append("rect").attr("class", "tl-band").attr("x", 0).attr("y", TOP).attr("width", width).attr("height", BAND);
    svg.append("rect").attr("class", "tl-band tl-band-bg").attr("x", 0).attr("y", TOP + BAND).attr("width", width).attr("height", BAND);
    svg.append("text").attr("class", "tl-band-label").attr("x", 6).attr("y", TOP + 12).text("story events");
    svg.append("text").attr("class", "tl-band-label").attr("x", 6).attr("y", TOP + BAND + 12).text("background history");
    const axis = svg.append("g").attr("class", "tl-axis").attr("transform", `translate(0,${TOP + 2 * BAND})`);
    const layer = svg.append("g");

    const draw = (x: ScaleTime<number, number>) => {
      axis.call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 110))));
      layer.selectAll("*").remove();
      for (const p of place(dated, x)) {
        const q = quadOf(p.item.type, p.item.quadClass);
        const y = TOP + (p.item.background ? BAND : 0) + 28 + p.lane * LANE;
        const cx = x(p.from);
        const a = layer
          .append("a")
          .attr("href", p.item.href)
          .attr("class", `tl-item ${q?.css ?? ""}${p.item.contradictions ? " tl-contradicted" : ""}`)
          .attr("data-event", p.item.id)
          .attr("data-date", p.item.date)
          // The accessible name starts with the visible text ("AGREE 2 !"), as WCAG's label-in-name asks.
          .attr(
            "aria-label",
            `${p.item.type} ${p.item.sources}${p.item.contradictions ? " !" : ""}: ${p.item.label}. ${q?.name ?? ""}. ${p.item.articles} articles, ${p.item.sources} independent sources${p.item.contradictions ? ". Contradicted" : ""}. Show the evidence.`,
          );
        a.append("title").text(`${p.item.label}\n${p.item.articles} articles, ${p.item.sources} independent sources${p.item.contradictions ? "\nmentions contradict each other" : ""}`);
        if (p.partial) a.append("rect").attr("class", "tl-span").attr("x", cx).attr("y", y - 3).attr("width", Math.max(2, x(p.to) - cx)).attr("height", 6);
        a.append("path").attr("class", "tl-mark").attr("transform", `translate(${cx},${y})`).attr("d", shape(q?.n, 6));
        if (p.labelled) {
          const label = a.append("text").attr("class", "tl-label").attr("x", cx + 10).attr("y", y + 4);
          label.text(p.item.type);
          label.append("tspan").attr("class", "tl-count").text(` ${p.item.sources}`);
        }
        if (p.item.contradictions) a.append("text").attr("class", "tl-flag").attr("x", cx - 3).attr("y", y - 9).text("!");
      }
    };
    draw(x0);
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, 20000])
      .translateExtent([
        [0, 0],
        [width, height],
      ])
      .on("zoom", (e: { transform: { rescaleX: (s: ScaleTime<number, number>) => ScaleTime<number, number> } }) => draw(e.transform.rescaleX(x0)));
    svg.call(z);
    // "The story itself": the span of the events that are not background, with a little room on either side.
    const own = dated.filter((i) => !i.background).map((i) => dateSpan(i.date)!);
    let story: ZoomTransform | null = null;
    if (own.length) {
      const a = x0(toDate(own.map((o) => o[0]).sort()[0]!));
      const b = x0(toDate(own.map((o) => o[1]).sort().at(-1)!));
      const k = Math.min(20000, (width - 24) / Math.max(8, (b - a) * 1.3));
      story = zoomIdentity.translate(width / 2, 0).scale(k).translate(-(a + b) / 2, 0);
    }
    zoomRef.current = { z, svg: svg.node()!, story };
    return () => {
      svg.on(".zoom", null);
      svg.remove();
    };
  }, [items, title]);

  const by = (k: number | "reset" | "story") => {
    const r = zoomRef.current;
    if (!r) return;
    const s = select(r.svg);
    if (k === "reset") s.call(r.z.transform, zoomIdentity);
    else if (k === "story") s.call(r.z.transform, r.story ?? zoomIdentity);
    else s.call(r.z.scaleBy, k);
  };

  if (dated.length === 0) return <p>No dated events to draw.</p>;
  return (
    <figure class="timeline">
      <div class="tl-tools" role="toolbar" aria-label="timeline zoom">
        <button type="button" onClick={() => by(2)}>
          Zoom in
        </button>
        <button type="button" onClick={() => by(0.5)}>
          Zoom out
        </button>
        <button type="button" onClick={() => by("reset")}>
          Whole span
        </button>
        <button type="button" onClick={() => by("story")}>
          The story's own events
        </button>
        <span class="tl-key" aria-hidden="true">
          <span class="q1">○</span> verbal coop. <span class="q2">■</span> material coop. <span class="q3">△</span> verbal conflict <span class="q4">◆</span> material conflict · number = independent sources · <b>!</b> contradicted · bar = partial date
        </span>
      </div>
      <div class="tl-host" ref={host} data-testid="timeline" />
      <figcaption class="sr-only">{title}: the same events are listed below.</figcaption>
    </figure>
  );
}
