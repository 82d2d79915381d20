// A handful of stroke icons (24×24, Tabler-style) drawn inline: emoji fonts are missing on many
// Linux desks and kiosks, and an icon font would be one more download.
import type { CSSProperties, ReactNode } from 'react';

function Svg({ size = 18, children, style, label }: { size?: number; children: ReactNode; style?: CSSProperties; label?: string }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2}
      strokeLinecap="round" strokeLinejoin="round" style={{ flex: 'none', ...style }}
      aria-hidden={label ? undefined : true} role={label ? 'img' : undefined} aria-label={label}>
      {children}
    </svg>
  );
}

type P = { size?: number; style?: CSSProperties; label?: string };

export const IconUser = (p: P) => <Svg {...p}><circle cx="12" cy="8" r="4" /><path d="M6 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2" /></Svg>;
export const IconUsers = (p: P) => <Svg {...p}><circle cx="9" cy="7" r="4" /><path d="M3 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2" /><path d="M16 3.13a4 4 0 0 1 0 7.75" /><path d="M21 21v-2a4 4 0 0 0-3-3.85" /></Svg>;
export const IconBuilding = (p: P) => <Svg {...p}><path d="M3 21h18" /><path d="M5 21V7l8-4v18" /><path d="M19 21V11l-6-4" /><path d="M9 9v.01M9 12v.01M9 15v.01M9 18v.01" /></Svg>;
export const IconSearch = (p: P) => <Svg {...p}><circle cx="10" cy="10" r="7" /><path d="m21 21-6-6" /></Svg>;
export const IconPlus = (p: P) => <Svg {...p}><path d="M12 5v14M5 12h14" /></Svg>;
export const IconSun = (p: P) => <Svg {...p}><circle cx="12" cy="12" r="4" /><path d="M3 12h1m8-9v1m8 8h1m-9 8v1M5.6 5.6l.7.7m12.1-.7-.7.7m0 11.4.7.7m-12.1-.7-.7.7" /></Svg>;
export const IconMoon = (p: P) => <Svg {...p}><path d="M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9z" /></Svg>;
export const IconMail = (p: P) => <Svg {...p}><rect x="3" y="5" width="18" height="14" rx="2" /><path d="m3 7 9 6 9-6" /></Svg>;
export const IconSms = (p: P) => <Svg {...p}><path d="M4 21v-13a3 3 0 0 1 3-3h10a3 3 0 0 1 3 3v6a3 3 0 0 1-3 3H8z" /><path d="M8 9h8M8 13h6" /></Svg>;
export const IconPhone = (p: P) => <Svg {...p}><path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" /></Svg>;
export const IconChat = (p: P) => <Svg {...p}><path d="M3 20l1.3-3.9A9 8 0 1 1 7.7 19z" /></Svg>;
export const IconDevice = (p: P) => <Svg {...p}><rect x="6" y="3" width="12" height="18" rx="2" /><path d="M11 4h2M12 17v.01" /></Svg>;
export const IconLink = (p: P) => <Svg {...p}><path d="M9 15l6-6" /><path d="M11 6l.5-.5a5 5 0 0 1 7 7l-.5.5" /><path d="M13 18l-.4.5a5 5 0 0 1-7-7l.5-.5" /></Svg>;
export const IconLock = (p: P) => <Svg {...p}><rect x="5" y="11" width="14" height="10" rx="2" /><path d="M8 11V7a4 4 0 1 1 8 0v4" /></Svg>;
export const IconCompass = (p: P) => <Svg {...p}><circle cx="12" cy="12" r="9" /><path d="m8 16 2-6 6-2-2 6z" /></Svg>;
export const IconArrowLeft = (p: P) => <Svg {...p}><path d="M5 12h14M5 12l6 6M5 12l6-6" /></Svg>;
export const IconAlert = (p: P) => <Svg {...p}><path d="M12 9v4M12 17h.01" /><path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" /></Svg>;
