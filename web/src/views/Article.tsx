/**
 * One article: its text with entities, times, quotes and event evidence highlighted (CSS Custom Highlight API; the
 * text is one text node, never rewritten), a hover card naming what lies under the pointer, the events with the rule
 * behind each, and the debris the reader removed. `?event=ev3` lands on that event's evidence.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, type ArticleRecord } from "../api";
import { annotations, at as covering, focusSpan, offsetAt, paint, type Annotation } from "../highlights";
import { who, safeUrl } from "../format";
import { quadOf } from "../plover";
import { useApi } from "../useApi";
import { Failure, Loading } from "./common";

interface Card {
  x: number;
  y: number;
  lines: Annotation[];
}

const LEGEND: [string, string][] = [
  ["legend-entity", "entity (solid underline)"],
  ["legend-time", "time (wavy underline)"],
  ["legend-quote", "quote (shaded)"],
  ["legend-event", "event evidence (line above)"],
  ["legend-focus", "selected evidence"],
];

/** `at=120-245`: a span to focus (a document mention of a story event has a span, not an event id). */
function parseAt(at: string | null): [number, number] | null {
  const m = at ? /^(\d+)-(\d+)$/.exec(at) : null;
  return m ? [Number(m[1]), Number(m[2])] : null;
}

export function ArticleView({ id, eventId, at }: { id: string; eventId: string | null; at?: string | null }) {
  const loaded = useApi(() => api.article(id), id);
  if (loaded.state === "loading") return <Loading what="article" />;
  if (loaded.state === "error") return <Failure message={loaded.message} />;
  return <ArticleBody record={loaded.data} eventId={eventId} at={parseAt(at ?? null)} />;
}

function ArticleBody({ record, eventId, at }: { record: ArticleRecord; eventId: string | null; at: [number, number] | null }) {
  const textRef = useRef<HTMLDivElement>(null);
  const all = useMemo(() => annotations(record), [record]);
  const [card, setCard] = useState<Card | null>(null);
  const [selected, setSelected] = useState<string | null>(eventId);
  const textNode = () => textRef.current?.firstChild as Text | null;

  useEffect(() => {
    const node = textNode();
    return node ? paint(node, all) : undefined;
  }, [all]);

  useEffect(() => setSelected(eventId), [eventId]);
  useEffect(() => {
    const node = textNode();
    const ev = record.events.find((e) => e.id === selected);
    if (node && ev) focusSpan(node, ev.evidence.start, ev.evidence.end);
    else if (node && at) focusSpan(node, at[0], at[1]);
    else CSS.highlights.delete("p-focus");
  }, [selected, record, at?.[0], at?.[1]]);

  const onMove = (e: MouseEvent) => {
    const node = textNode();
    const off = node ? offsetAt(node, e.clientX, e.clientY) : null;
    const lines = off === null ? [] : covering(all, off);
    setCard(lines.length ? { x: e.clientX, y: e.clientY, lines } : null);
  };

  const url = safeUrl(record.url);
  return (
    <article class="article" aria-labelledby="article-title">
      <header>
        <h1 id="article-title">{record.title ?? "(untitled)"}</h1>
        <p class="meta">
          {record.source ?? "unknown source"} · published {record.published ?? "unknown"}
          {record.publishedFrom ? ` (from ${record.publishedFrom})` : ""}
          {url ? (
            <>
              {" · "}
              <a href={url} rel="noopener noreferrer nofollow" target="_blank">
                original
              </a>
            </>
          ) : null}
          {" · "}
          <a href={`/api/articles/${encodeURIComponent(record.id)}`}>record JSON</a>
        </p>
        <ul class="legend" aria-label="highlight styles">
          {LEGEND.map(([cls, label]) => (
            <li key={cls}>
              <span class={`swatch ${cls}`} aria-hidden="true">
                Abc
              </span>{" "}
              {label}
            </li>
          ))}
        </ul>
      </header>
      <div class="article-layout">
        <section aria-label="article text">
          {/* The text is one text node: Preact escapes it, and highlights are ranges over it. */}
          <div class="article-text" ref={textRef} data-testid="article-text" onMouseMove={onMove} onMouseLeave={() => setCard(null)}>
            {record.text}
          </div>
          {card ? (
            <div class="hover-card" role="tooltip" style={{ left: `${card.x + 12}px`, top: `${card.y + 12}px` }}>
              {card.lines.map((l) => (
                <div key={l.key + l.start} class={`hc-${l.layer}`}>
                  {l.layer.slice(2)}: {l.label}
                </div>
              ))}
            </div>
          ) : null}
        </section>
        <aside class="article-side">
          <Events record={record} selected={selected} onSelect={setSelected} />
          <Layers record={record} />
        </aside>
      </div>
    </article>
  );
}

function Events({ record, selected, onSelect }: { record: ArticleRecord; selected: string | null; onSelect: (id: string) => void }) {
  const refs = useRef(new Map<string, HTMLButtonElement>());
  useEffect(() => {
    if (selected) refs.current.get(selected)?.focus({ preventScroll: true });
  }, [selected]);
  return (
    <section aria-labelledby="events-h">
      <h2 id="events-h">Events ({record.events.length})</h2>
      <ol class="event-list">
        {record.events.map((e) => {
          const q = quadOf(e.type, e.quadClass);
          const on = e.id === selected;
          return (
            <li key={e.id} class={on ? "selected" : ""}>
              <button
                type="button"
                class="event-button"
                aria-pressed={on}
                data-event={e.id}
                ref={(b) => {
                  if (b) refs.current.set(e.id, b);
                }}
                onClick={() => onSelect(e.id)}
              >
                <span class={`glyph ${q?.css ?? ""}`} aria-hidden="true">
                  {q?.glyph ?? "·"}
                </span>{" "}
                <strong>{e.type}</strong>
                {e.mode ? ` (${e.mode})` : ""} {e.date ?? "undated"} — {who(e)}
                <span class="modality"> [{e.modality}]</span>
                {q ? <span class="sr-only"> {q.name}</span> : null}
              </button>
              {on ? (
                <dl class="event-detail">
                  <dt>evidence</dt>
                  <dd class="evidence">“{record.text.slice(e.evidence.start, e.evidence.end)}”</dd>
                  <dt>date</dt>
                  <dd>
                    {e.date ?? "none"} {e.dateSource ? `(from the ${e.dateSource})` : ""}
                  </dd>
                  {e.location ? (
                    <>
                      <dt>place</dt>
                      <dd>{e.location.text}</dd>
                    </>
                  ) : null}
                  {e.source.length ? (
                    <>
                      <dt>source</dt>
                      <dd>{e.source.join(" ← ")}</dd>
                    </>
                  ) : null}
                  {e.condition ? (
                    <>
                      <dt>condition</dt>
                      <dd>{e.condition.text}</dd>
                    </>
                  ) : null}
                  <dt>codes</dt>
                  <dd>
                    PLOVER {e.type}
                    {e.cameo ? `, CAMEO ${e.cameo}` : ""}
                    {q ? `, ${q.name}` : ""}
                    {e.score !== undefined ? `, score ${e.score}` : ""}
                  </dd>
                  <dt>rule</dt>
                  <dd>
                    <code>{e.rule}</code>
                  </dd>
                </dl>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Layers({ record }: { record: ArticleRecord }) {
  return (
    <>
      <details>
        <summary>Entities ({record.entities.length})</summary>
        <ul>
          {record.entities.map((e) => (
            <li key={e.id}>
              {e.name} <span class="muted">{[e.type, e.code, e.role].filter(Boolean).join(", ")}</span> ×{e.mentions.length}
            </li>
          ))}
        </ul>
      </details>
      <details>
        <summary>Times ({record.times.length})</summary>
        <ul>
          {record.times.map((t, i) => (
            <li key={i}>
              “{t.text}” → {t.value} <span class="muted">{t.type}</span>
            </li>
          ))}
        </ul>
      </details>
      <details>
        <summary>Quotes ({record.quotes.length})</summary>
        <ul>
          {record.quotes.map((q, i) => (
            <li key={i}>
              {q.speakerText ?? "?"}
              {q.chain.length > 1 ? ` (via ${q.chain.join(" ← ")})` : ""}: “{q.text}”
            </li>
          ))}
        </ul>
      </details>
      <details open={record.removed.length > 0}>
        <summary>Removed from the page ({record.removed.length})</summary>
        <ul class="removed" data-testid="removed">
          {record.removed.map((r, i) => (
            <li key={i}>
              <q>{r.text}</q> <span class="muted">{r.reason}</span>
            </li>
          ))}
        </ul>
      </details>
      {record.warnings.length ? (
        <details>
          <summary>Warnings ({record.warnings.length})</summary>
          <ul>
            {record.warnings.map((w, i) => (
              <li key={i}>
                {w.code}: {w.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
