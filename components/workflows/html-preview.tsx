'use client';
// A rendered email body shown in the page without running anything it holds: the HTML is parsed
// into an inert document (DOMParser runs no scripts, loads nothing) and only a small set of text
// tags is rebuilt as React elements, without attributes except http(s) link targets. (A sandboxed
// iframe would need a frame-src exception in the Content-Security-Policy.)
import { Fragment, useMemo, type ReactNode } from 'react';

const KEEP = new Set(['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'a', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'blockquote', 'pre', 'code', 'span', 'div', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'hr', 'small', 'sup', 'sub']);
const SKIP = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'iframe', 'object', 'embed']);

function build(node: Node, key: number): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as Element;
  const tag = el.tagName.toLowerCase();
  if (SKIP.has(tag)) return null;
  const children = Array.from(el.childNodes, (c, i) => build(c, i));
  if (!KEEP.has(tag)) return <Fragment key={key}>{children}</Fragment>;
  if (tag === 'br' || tag === 'hr') return tag === 'br' ? <br key={key} /> : <hr key={key} />;
  if (tag === 'a') {
    const href = el.getAttribute('href') ?? '';
    return /^https?:\/\//i.test(href) ? (
      <a key={key} href={href} rel="noopener noreferrer nofollow" target="_blank" className="text-indigo-700 underline">
        {children}
      </a>
    ) : (
      <span key={key} className="underline">
        {children}
      </span>
    );
  }
  const Tag = tag as 'div';
  return <Tag key={key}>{children}</Tag>;
}

export function HtmlPreview({ html, className = '', testId }: { html: string; className?: string; testId?: string }) {
  const content = useMemo(() => {
    if (typeof window === 'undefined') return null;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    return Array.from(doc.body.childNodes, (c, i) => build(c, i));
  }, [html]);
  return (
    <div data-testid={testId} className={`max-h-80 overflow-auto text-sm break-words text-slate-900 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:font-semibold [&_li]:ml-5 [&_ol]:list-decimal [&_p]:my-1 [&_td]:px-1 [&_ul]:list-disc ${className}`}>
      {content}
    </div>
  );
}
