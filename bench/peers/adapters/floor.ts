// Affinity's own building blocks bundled alone (what it imports from Lit, nanostores,
// idb-keyval and web-vitals), kept alive on `window` so nothing is tree-shaken: the floor under
// affinity.js's size.
import { css, html, LitElement, nothing } from 'lit';
import { atom, computed, onMount } from 'nanostores';
import { clear, createStore, del, delMany, get, promisifyRequest, set, setMany } from 'idb-keyval';
import { onCLS, onINP, onLCP } from 'web-vitals';

(window as unknown as { floor: unknown }).floor = {
  lit: { css, html, LitElement, nothing },
  nanostores: { atom, computed, onMount },
  idb: { clear, createStore, del, delMany, get, promisifyRequest, set, setMany },
  vitals: { onCLS, onINP, onLCP },
};
