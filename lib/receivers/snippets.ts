// Receiver code that verifies Hookline's signatures, in Node, Python, PHP and Go, each with its
// language's Standard Webhooks library, filled in for one endpoint (its name, what it sends, the header
// names lib/delivery/signing.ts signs with). The Verify signatures panel shows them; tests/receivers
// runs the Node one as a real receiver of a real signed delivery. Browser-safe.
import { SIGNATURE_HEADERS, type SignatureHeaderNames } from '@/lib/delivery/signature-headers';

export type SnippetLanguage = 'node' | 'python' | 'php' | 'go';
export type Snippet = { language: SnippetLanguage; label: string; install: string; filename: string; code: string };

export type SnippetTarget = {
  /** The endpoint's name, for the comment at the top. */
  name: string;
  kind: 'laboratory' | 'export' | 'event';
  /** Event webhooks: their event type (EmailSends …). */
  eventType?: string | null;
  /** Data export: 'object' sends one activity per request. */
  format?: 'array' | 'object';
  headers?: SignatureHeaderNames;
};

/** Where the snippets read the signing secret from; never the secret itself. */
export const SECRET_ENV = 'HOOKLINE_SIGNING_SECRET';

const KIND_LABEL = { laboratory: 'Laboratory webhook', export: 'Data export', event: 'event webhook' } as const;

function payloadOf(t: SnippetTarget): { variable: string; description: string } {
  if (t.kind === 'event') return { variable: 'event', description: `one ${t.eventType ?? 'event'} object` };
  if (t.kind === 'export' && t.format === 'object') return { variable: 'activity', description: 'one activity object' };
  return { variable: 'activities', description: 'an array of activities' };
}

/** PHP's $_SERVER key of a request header ("webhook-id" → HTTP_WEBHOOK_ID). */
const phpServerKey = (header: string) => `HTTP_${header.toUpperCase().replace(/-/g, '_')}`;
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function receiverSnippets(target: SnippetTarget): Snippet[] {
  const h = target.headers ?? SIGNATURE_HEADERS;
  const names = [h.id, h.timestamp, h.signature];
  const { variable, description } = payloadOf(target);
  const title = `Verifies the signatures of “${target.name}” (${KIND_LABEL[target.kind]}): ${description} per request.`;
  const dedupe = `${h.id} is the same on every retry of one delivery: skip ids you have already handled.`;

  const node = `// ${title}
// Standard Webhooks, with the standardwebhooks package: npm install standardwebhooks
import http from 'node:http';
import { Webhook } from 'standardwebhooks';

// The endpoint's signing secret (whsec_…), shown when it was created or its secret rotated.
const webhook = new Webhook(process.env.${SECRET_ENV});

http
  .createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      // Verify the raw body, byte for byte, before parsing it.
      const body = Buffer.concat(chunks).toString('utf8');
      let ${variable};
      try {
        ${variable} = webhook.verify(body, {
${names.map((n) => `          '${n}': req.headers['${n}'],`).join('\n')}
        });
      } catch (err) {
        console.error('Refused:', err.message);
        res.writeHead(401).end();
        return;
      }
      // ${dedupe}
      console.log('Verified', req.headers['${h.id}'], JSON.stringify(${variable}));
      res.writeHead(204).end();
    });
  })
  .listen(Number(process.env.PORT ?? 3000), () => console.log('Listening'));
`;

  const python = `# ${title}
# Standard Webhooks, with the standardwebhooks package: pip install standardwebhooks flask
import os

from flask import Flask, request
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

app = Flask(__name__)
# The endpoint's signing secret (whsec_…), shown when it was created or its secret rotated.
webhook = Webhook(os.environ["${SECRET_ENV}"])


@app.post("/")
def hookline():
    try:
        # Verify the raw body, byte for byte, before parsing it.
        ${variable} = webhook.verify(request.get_data(), {
${names.map((n) => `            "${n}": request.headers.get("${n}", ""),`).join('\n')}
        })
    except WebhookVerificationError:
        return "", 401
    # ${dedupe}
    print("Verified", request.headers["${h.id}"], ${variable})
    return "", 204
`;

  const php = `<?php
// ${title}
// Standard Webhooks, with its PHP library: composer require standard-webhooks/standard-webhooks
require __DIR__ . '/vendor/autoload.php';

use StandardWebhooks\\Exception\\WebhookVerificationException;
use StandardWebhooks\\Webhook;

// The endpoint's signing secret (whsec_…), shown when it was created or its secret rotated.
$webhook = new Webhook(getenv('${SECRET_ENV}'));
// Verify the raw body, byte for byte, before parsing it.
$body = file_get_contents('php://input');

try {
    $${camel(variable)} = $webhook->verify($body, [
${names.map((n) => `        '${n}' => $_SERVER['${phpServerKey(n)}'] ?? '',`).join('\n')}
    ]);
} catch (WebhookVerificationException $e) {
    http_response_code(401);
    exit;
}

// ${dedupe}
error_log('Verified ' . $_SERVER['${phpServerKey(h.id)}']);
http_response_code(204);
`;

  const go = `// ${title}
// Standard Webhooks, with its Go library: go get github.com/standard-webhooks/libraries/go
package main

import (
	"encoding/json"
	"io"
	"log"
	"net/http"
	"os"

	standardwebhooks "github.com/standard-webhooks/libraries/go"
)

func main() {
	// The endpoint's signing secret (whsec_…), shown when it was created or its secret rotated.
	webhook, err := standardwebhooks.NewWebhook(os.Getenv("${SECRET_ENV}"))
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// Verify the raw body, byte for byte, before parsing it.
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "unreadable body", http.StatusBadRequest)
			return
		}
		// Reads ${names.join(', ')}.
		if err := webhook.Verify(body, r.Header); err != nil {
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		var ${variable} any
		if err := json.Unmarshal(body, &${variable}); err != nil {
			http.Error(w, "not JSON", http.StatusBadRequest)
			return
		}
		// ${dedupe}
		log.Println("Verified", r.Header.Get("${h.id}"))
		w.WriteHeader(http.StatusNoContent)
	})
	log.Fatal(http.ListenAndServe(":3000", nil))
}
`;

  return [
    { language: 'node', label: 'Node.js', install: 'npm install standardwebhooks', filename: 'receiver.mjs', code: node },
    { language: 'python', label: 'Python', install: 'pip install standardwebhooks flask', filename: 'receiver.py', code: python },
    { language: 'php', label: 'PHP', install: 'composer require standard-webhooks/standard-webhooks', filename: 'receiver.php', code: php },
    { language: 'go', label: 'Go', install: 'go get github.com/standard-webhooks/libraries/go', filename: 'main.go', code: go },
  ];
}
