"use client";
/**
 * A word cloud drawn as SVG (so the report can download it): laid out by d3-cloud with a seeded random sequence
 * and words in first-seen order (lib/poll/cloud-layout.ts), so a vote moves little; a moved word slides. The
 * words with their counts are also a list for screen readers. Loaded only by the screen, console and report.
 */
import cloud from "d3-cloud";
import { forwardRef, useEffect, useMemo, useRef, useState } from "react";
import { formatNumber, type Language } from "@/lib/i18n";
import { cloudWords, seededRandom, type CloudWord } from "@/lib/poll/cloud-layout";
import type { WordCount } from "@/lib/protocol";
import { useSize } from "./results-bars";
import "./word-cloud.css";

export interface WordCloudProps {
  /** The visible words, most frequent first. */
  words: readonly WordCount[];
  language: Language;
  /** Largest font in px (the most frequent word); the smallest is a quarter of it, never under 14. */
  maxFont: number;
  /** Caption for screen readers and the list's title. */
  caption: string;
  empty: string;
  /** Off when the user prefers reduced motion. */
  animate?: boolean;
}

interface Placed extends CloudWord {
  x: number;
  y: number;
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const SEED = 20120101;

export const WordCloud = forwardRef<SVGSVGElement, WordCloudProps>(function WordCloud({ words, language, maxFont, caption, empty, animate = true }, svgRef) {
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(box);
  const order = useRef(new Map<string, number>());
  const input = useMemo(() => cloudWords(words, order.current, Math.max(14, Math.round(maxFont / 4)), maxFont), [words, maxFont]);
  const [placed, setPlaced] = useState<Placed[]>([]);
  // The page's own typeface (the layout measures the words in it), or a system one before it is known.
  const [family, setFamily] = useState(FONT);
  useEffect(() => {
    if (width < 10 || height < 10) return;
    let current = true;
    const font = (box.current && getComputedStyle(box.current).fontFamily) || FONT;
    setFamily(font);
    const layout = cloud<CloudWord & { x?: number; y?: number }>()
      .size([width, height])
      .words(input.map((w) => ({ ...w })))
      .padding(Math.max(2, Math.round(maxFont / 20)))
      .rotate(0)
      .font(font)
      .fontWeight(700)
      .fontSize((d) => d.size)
      .text((d) => d.text)
      .spiral("archimedean")
      .random(seededRandom(SEED))
      .timeInterval(Infinity)
      .on("end", (out) => {
        if (current) setPlaced(out.map((d) => ({ key: d.key, text: d.text, count: d.count, size: d.size, x: d.x ?? 0, y: d.y ?? 0 })));
      });
    // Measured in the page's typeface once it has loaded, or the words would be sized for a fallback font.
    void document.fonts.ready.then(() => {
      if (current) layout.start();
    });
    return () => {
      current = false;
      layout.stop();
    };
  }, [input, width, height, maxFont]);
  return (
    <figure className="word-cloud" data-testid="word-cloud">
      <div ref={box} className="word-cloud__box">
        {words.length === 0 ? (
          <p className="word-cloud__empty">{empty}</p>
        ) : (
          <svg ref={svgRef} xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" className={animate ? "word-cloud__svg is-animated" : "word-cloud__svg"}>
            <g transform={`translate(${width / 2},${height / 2})`}>
              {placed.map((w, i) => (
                <text
                  key={w.key}
                  className={`word-cloud__word tone-${i % 6}`}
                  textAnchor="middle"
                  fontFamily={family}
                  fontWeight={700}
                  fontSize={w.size}
                  style={{ transform: `translate(${w.x}px, ${w.y}px)` }}
                  data-key={w.key}
                  data-testid="cloud-word"
                >
                  {w.text}
                </text>
              ))}
            </g>
          </svg>
        )}
      </div>
      <figcaption className="visually-hidden">{caption}</figcaption>
      <ol className="visually-hidden" data-testid="cloud-list">
        {words.map((w) => (
          <li key={w.key}>
            {w.text}: {formatNumber(language, w.count)}
          </li>
        ))}
      </ol>
    </figure>
  );
});
