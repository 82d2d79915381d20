// The reports' menu icon, drawn like ui/icons.tsx.
export const IconChart = () => (
  <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" style={{ flex: 'none' }} aria-hidden>
    <path d="M4 20h16" /><path d="M7 16v-5" /><path d="M12 16V8" /><path d="M17 16v-9" />
  </svg>
);
