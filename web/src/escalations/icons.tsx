// The escalations menu icon (an arrow up to a bar), stroke style like ui/icons.tsx: no emoji fonts needed.
export const IconEscalate = () => (
  <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden style={{ flex: 'none' }}>
    <path d="M12 19V5" /><path d="m5 12 7-7 7 7" /><path d="M5 21h14" />
  </svg>
);
// SM-8: upgrade assistance (a double chevron up, a version going up).
export const IconUpgrade = () => (
  <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden style={{ flex: 'none' }}>
    <path d="m7 11 5-5 5 5" /><path d="m7 17 5-5 5 5" />
  </svg>
);
