// The one module a page includes. It starts the wasm download and, in parallel, the JSON
// of every <article-widget src> already in the page, then defines the element.
import init, { mount as wasmMount, unmount as wasmUnmount, setStrings as wasmSetStrings } from '../target/wasm-bindgen/article_widget.js';
import { languageOf } from './dom/settings.js';
import { prefetch as start } from './net/fetch.js';

// The wasm beside this module, by its content-hashed name, and its subresource-integrity
// hash: both written in by scripts/build.mjs (esbuild `define`). The fetch checks the hash, so
// a page that pins this module with <script integrity> pins the wasm too. Its mode and
// credentials are fetch()'s defaults, which a <link rel=preload as=fetch crossorigin
// integrity=...> of the same file matches.
/* global __ARTICLE_WIDGET_WASM__, __ARTICLE_WIDGET_WASM_INTEGRITY__ */
const wasmUrl = new URL(__ARTICLE_WIDGET_WASM__, import.meta.url);

let booting;

/** Downloads and instantiates the wasm once; after a failure, the next call tries again. */
function boot() {
  booting ??= init({
    module_or_path: fetch(wasmUrl, { integrity: __ARTICLE_WIDGET_WASM_INTEGRITY__ }),
  }).catch((error) => {
    booting = undefined;
    throw error;
  });
  return booting;
}

/** Resolves when the wasm module is compiled and instantiated (the first attempt). */
export const ready = boot();
ready.catch(() => {}); // each element shows the failure, with a retry

/** Fetches started before the wasm was ready, by element. */
const early = new WeakMap();

function prefetch(element) {
  const src = element.getAttribute('src');
  if (!src || early.has(element)) return;
  let url;
  try {
    url = new URL(src, document.baseURI).href;
  } catch {
    return;
  }
  if (!/^https?:$/.test(new URL(url).protocol)) return;
  early.set(element, { url, response: start(url) });
}

if (typeof document !== 'undefined') {
  document.querySelectorAll('article-widget[src]').forEach(prefetch);
}

/** The words of the start-up failure, by interface language: before the wasm, no strings. */
const STARTUP = {
  'zh-CN': ['文章组件无法启动', '重试'],
  'zh-TW': ['文章元件無法啟動', '重試'],
  en: ['The article widget could not start', 'Retry'],
};

// As `Locale::from_tag` (src/i18n/mod.rs) decides, with the widget's default (zh-CN) when
// the element names no language, and the browser's for `auto`.
function startupWords(lang) {
  const subtags = String(languageOf(lang) ?? '').trim().toLowerCase().split(/[-_]/);
  if (subtags[0] === '') return STARTUP['zh-CN'];
  if (subtags[0] !== 'zh') return STARTUP.en;
  return subtags.some((s) => ['tw', 'hk', 'mo', 'hant'].includes(s)) ? STARTUP['zh-TW'] : STARTUP['zh-CN'];
}

// The wasm could not be loaded: say so in the element, in its language, with the wasm's URL
// and a button that tries the download again and then mounts with the same options.
function startupFailure(element, error, options) {
  // A pre-rendered article (article-widget-render) stays readable without the wasm.
  if (element.shadowRoot?.querySelector('.aw[data-prerendered]')) return;
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const [failed, retry] = startupWords(options.lang ?? element.getAttribute('lang'));
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  const message = document.createElement('p');
  message.textContent = `${failed}: ${wasmUrl.href}: ${error && error.message ? error.message : error}`;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = retry;
  button.addEventListener('click', () => {
    button.disabled = true;
    const { prefetch: _used, ...again } = options;
    mount(element, again).catch(() => {});
  }, { once: true });
  box.append(message, button);
  root.replaceChildren(box);
}

/**
 * Renders an article into `element` (any element that can host a shadow root).
 * Options: { src, lang, theme: 'light' | 'dark' | 'auto', timeout, feed, autoplay }.
 */
export async function mount(element, options = {}) {
  try {
    await boot();
  } catch (error) {
    startupFailure(element, error, options);
    throw error;
  }
  performance.mark('aw:mount'); // read by `npm run bench` with the marks of src/dom/mount.rs
  wasmMount(element, options);
}

/** Removes a mounted article from `element`. */
export async function unmount(element) {
  const loading = booting;
  if (!loading) return; // the wasm never started: nothing is mounted
  await loading;
  wasmUnmount(element);
}

/**
 * Replaces interface strings of one language (`zh-CN`, `zh-TW`, `en`) with the site's own,
 * e.g. `setStrings('en', { 'article.retry': 'Try again', 'form.submit': 'Send' })`, and
 * re-renders the widgets on the page. An empty object restores the built-in words. Rejects
 * with an error naming unknown keys; nothing changes then.
 */
export async function setStrings(lang, strings) {
  await boot();
  wasmSetStrings(lang, strings);
}

const OBSERVED = ['src', 'lang', 'theme', 'timeout', 'feed', 'autoplay', 'comments-backend', 'comments-endpoint', 'comments-src'];

/** `<article-widget src="article.json" lang="zh-CN" theme="auto">`. */
export class ArticleWidget extends HTMLElement {
  #connected = false;

  static get observedAttributes() {
    return OBSERVED;
  }

  connectedCallback() {
    this.#connected = true;
    this.#render();
  }

  disconnectedCallback() {
    this.#connected = false;
    unmount(this).catch(() => {});
  }

  attributeChangedCallback(_name, before, after) {
    if (this.#connected && before !== after) this.#render();
  }

  #render() {
    const pending = early.get(this);
    early.delete(this);
    mount(this, pending ? { prefetch: pending } : {}).catch(() => {});
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('article-widget')) {
  customElements.define('article-widget', ArticleWidget);
}
