// When a page notifies the signed-in person in the browser (their 'browser' contact method), the
// live stream carries a `notify` event addressed to them only. This makes it impossible to miss:
// a system notification (if the person allowed it), a short tone generated with WebAudio (no file
// to download), and a count on the tab's title and favicon until the person looks at the page.
import { navigate } from '../app/router.tsx';

export interface Notice {
  type: string;
  id: string;
  title: string;
  body: string;
  url: string | null;
}

let unseen = 0;
let originalIcon: string | null = null;
let titleObserver: MutationObserver | null = null;

const BADGE = /^\(\d+\) /;

export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export function showNotice(n: Notice): void {
  unseen++;
  applyBadge();
  playTone();
  if (notificationsSupported() && Notification.permission === 'granted') {
    try {
      const shown = new Notification(n.title, { body: n.body, tag: n.id, requireInteraction: true });
      shown.onclick = () => {
        window.focus();
        if (n.url) navigate(n.url);
        shown.close();
        clearBadge();
      };
    } catch {
      // some browsers only allow notifications from a service worker: the tone and badge remain
    }
  }
  // the person may already be looking: the next sign of them (a key, a click, coming back to the tab) clears it
  watchForAttention();
}

function applyBadge(): void {
  if (typeof document === 'undefined') return;
  const base = document.title.replace(BADGE, '');
  document.title = unseen > 0 ? `(${unseen}) ${base}` : base;
  // route changes rewrite the title: keep the count on it while there is something unseen
  if (!titleObserver && unseen > 0) {
    const el = document.querySelector('title');
    if (el) {
      titleObserver = new MutationObserver(() => {
        if (unseen > 0 && !BADGE.test(document.title)) document.title = `(${unseen}) ${document.title}`;
      });
      titleObserver.observe(el, { childList: true, characterData: true, subtree: true });
    }
  }
  const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) return;
  originalIcon ??= link.href;
  link.href = unseen > 0 ? badgedIcon(unseen) : originalIcon;
  link.dataset.unseen = String(unseen);
}

export function clearBadge(): void {
  if (unseen === 0) return;
  unseen = 0;
  titleObserver?.disconnect();
  titleObserver = null;
  applyBadge();
}

export function unseenCount(): number {
  return unseen;
}

let watching = false;
function watchForAttention(): void {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  const seen = () => {
    if (document.visibilityState !== 'visible') return;
    watching = false;
    for (const [t, e] of events) t.removeEventListener(e, seen);
    clearBadge();
  };
  const events: [EventTarget, string][] = [[window, 'pointerdown'], [window, 'keydown'], [window, 'focus'], [document, 'visibilitychange']];
  for (const [t, e] of events) t.addEventListener(e, seen);
}

/** The app's own mark (a white H on red) with a dark count in the corner. */
function badgedIcon(n: number): string {
  const label = n > 9 ? '9+' : String(n);
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'><rect width='32' height='32' rx='7' fill='#c92a2a'/><path d='M9 8v16M23 8v16M9 16h14' stroke='white' stroke-width='4' stroke-linecap='round'/><circle cx='23' cy='9' r='9' fill='#1a1b1e' stroke='white' stroke-width='2'/><text x='23' y='13' font-size='${label.length > 1 ? 9 : 12}' font-family='sans-serif' font-weight='700' text-anchor='middle' fill='white'>${label}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

let audio: AudioContext | null = null;
/** Two short beeps. Browsers may keep audio muted until the person has interacted with the page. */
export function playTone(): void {
  try {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return;
    audio ??= new Ctor();
    void audio.resume().catch(() => {});
    const t0 = audio.currentTime;
    for (const [start, freq] of [[0, 880], [0.22, 1175]] as const) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0 + start);
      gain.gain.exponentialRampToValueAtTime(0.25, t0 + start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + start + 0.18);
      osc.connect(gain).connect(audio.destination);
      osc.start(t0 + start);
      osc.stop(t0 + start + 0.2);
    }
  } catch {
    // no audio device: the notification and the badge still show
  }
}
