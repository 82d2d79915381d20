// Menu icons for pages, tickets and the portal, drawn like ui/icons.tsx (no emoji font needed).
import type { ReactNode } from 'react';

const Svg = ({ children }: { children: ReactNode }) => (
  <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2}
    strokeLinecap="round" strokeLinejoin="round" style={{ flex: 'none' }} aria-hidden>{children}</svg>
);

export const IconBell = () => <Svg><path d="M10 5a2 2 0 1 1 4 0 7 7 0 0 1 4 6v3a4 4 0 0 0 2 3H4a4 4 0 0 0 2-3v-3a7 7 0 0 1 4-6" /><path d="M9 17v1a3 3 0 0 0 6 0v-1" /></Svg>;
export const IconTicket = () => <Svg><path d="M15 5v2M15 11v2M15 17v2" /><path d="M5 5h14a2 2 0 0 1 2 2v3a2 2 0 0 0 0 4v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-3a2 2 0 0 0 0-4V7a2 2 0 0 1 2-2" /></Svg>;
export const IconLifebuoy = () => <Svg><circle cx="12" cy="12" r="4" /><circle cx="12" cy="12" r="9" /><path d="m15 15 3.35 3.35M9 15l-3.35 3.35M5.65 5.65 9 9M18.35 5.65 15 9" /></Svg>;
