// Scalar's libraries (unhead for its theme, CodeMirror for its editors) insert <style> elements at run
// time, which the CSP (style-src-elem 'self' 'nonce-…', lib/http/security-headers.ts) refuses without
// the request's nonce. This gives the nonce to <style> elements that running script inserts — what
// 'strict-dynamic' does for scripts: only code that already runs with the nonce can add styles, and
// markup injected as HTML (innerHTML, a parsed fragment) still gets none. The policy is unchanged.
// Imported by the reference before Scalar, so it is in place before Scalar's first style.

function pageNonce(): string | undefined {
  // Next puts the request's nonce on its own scripts; the property survives the attribute's hiding.
  return (document.querySelector('script[nonce]') as HTMLScriptElement | null)?.nonce || undefined;
}

let installed = false;

export function giveStylesTheNonce(): void {
  if (installed || typeof document === 'undefined') return;
  const nonce = pageNonce();
  if (!nonce) return;
  installed = true;
  const stamp = (node: unknown) => {
    if (node instanceof HTMLStyleElement && !node.nonce) node.nonce = nonce;
  };
  const node = Node.prototype;
  const appendChild = node.appendChild;
  const insertBefore = node.insertBefore;
  node.appendChild = function <T extends Node>(this: Node, child: T): T {
    stamp(child);
    return appendChild.call(this, child) as T;
  };
  node.insertBefore = function <T extends Node>(this: Node, child: T, ref: Node | null): T {
    stamp(child);
    return insertBefore.call(this, child, ref) as T;
  };
  const element = Element.prototype;
  for (const method of ['append', 'prepend', 'after', 'before'] as const) {
    const original = element[method];
    element[method] = function (this: Element, ...nodes: (Node | string)[]) {
      nodes.forEach(stamp);
      return original.apply(this, nodes);
    };
  }
}

giveStylesTheNonce();
