'use client';
// First: Scalar's run-time <style> elements need the CSP nonce (./style-nonce.ts).
import './style-nonce';
import { useEffect } from 'react';
import { ApiReferenceReact } from '@scalar/api-reference-react';
import '@scalar/api-reference-react/style.css';

const CONFIGURATION = {
  url: '/api/v1/openapi.json',
  // Offline: the system fonts instead of fonts.scalar.com, nothing reported to Scalar, and none of its
  // hosted extras (the AI agent, the external API client, the developer toolbar).
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  hideClientButton: true,
  showDeveloperTools: 'never' as const,
  hideDarkModeToggle: true,
  // The page lives inside Hookline's screen; the reference's own sidebar lists the operations.
  showSidebar: true,
  // A pasted key stays in this tab's memory only.
  persistAuth: false,
  authentication: { preferredSecurityScheme: 'ApiKey' },
  defaultOpenAllTags: true,
};

type HistoryMethod = (data: unknown, unused: string, url?: string | URL | null) => void;

/**
 * Scalar keeps its place in the URL's hash, with history.replaceState / pushState as the reader scrolls
 * and clicks. Next's router takes every such call for a navigation to that URL and restores its state
 * there, which cancelled a navigation the user had just started: a click on a link out of the
 * reference right after scrolling it went nowhere (the progress bar stayed). While the reference is on
 * screen, a change of the hash alone goes to the browser directly — it changes nothing Next renders —
 * and the entry keeps Next's own state; every other call goes through Next as before.
 */
function useHashChangesBypassTheRouter() {
  useEffect(() => {
    const history = window.history;
    const routed = { pushState: history.pushState, replaceState: history.replaceState };
    const hashOnly = (url?: string | URL | null) => {
      if (url == null) return false;
      const to = new URL(url, window.location.href);
      return to.pathname === window.location.pathname && to.search === window.location.search;
    };
    const withNextState = (data: unknown) => ({ ...(history.state ?? {}), ...(data !== null && typeof data === 'object' ? data : {}) });
    const bypass = (method: 'pushState' | 'replaceState'): HistoryMethod =>
      function (this: History, data, unused, url) {
        if (hashOnly(url)) return History.prototype[method].call(history, withNextState(data), unused, url);
        return (routed[method] as HistoryMethod).call(history, data, unused, url);
      };
    history.pushState = bypass('pushState');
    history.replaceState = bypass('replaceState');
    return () => {
      history.pushState = routed.pushState;
      history.replaceState = routed.replaceState;
    };
  }, []);
}

export default function ScalarReference() {
  useHashChangesBypassTheRouter();
  return <ApiReferenceReact configuration={CONFIGURATION} />;
}
