'use client';
// First: Scalar's run-time <style> elements need the CSP nonce (./style-nonce.ts).
import './style-nonce';
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

export default function ScalarReference() {
  return <ApiReferenceReact configuration={CONFIGURATION} />;
}
