import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// Read at 3 a.m. on a laptop at half brightness: larger base text, strong contrast, no pastel
// greys for secondary text. Every text/background pair the components draw reaches WCAG AA
// (4.5:1), checked by axe-core on every page in test/browser/a11y.test.ts.

/**
 * Mantine's red, orange, green, teal, cyan and lime are too light for white text (teal 3.9:1,
 * green 3.4:1) and for coloured text on their own pale tint (green badge 3.8:1). Shades 7–9 are
 * darkened just enough to pass 4.5:1 on white, on the page canvas and on shade 1; 0–6 keep
 * Mantine's values, so hovers, borders and dark-scheme text look as before.
 */
const DARKER: Record<string, [string, string, string]> = {
  red: ['#d83838', '#c22b2b', '#b32525'],
  orange: ['#c35106', '#b0450a', '#a33a0c'],
  green: ['#298439', '#25773a', '#216a32'],
  teal: ['#0a8560', '#077655', '#066a4c'],
  cyan: ['#0d8091', '#0b7184', '#0a6577'],
  lime: ['#51810f', '#47760b', '#406a0a'],
};
const colors: Record<string, MantineColorsTuple> = {};
for (const [name, [s7, s8, s9]] of Object.entries(DARKER)) {
  const base = DEFAULT_THEME.colors[name]!;
  colors[name] = [base[0], base[1], base[2], base[3], base[4], base[5], base[6], s7, s8, s9];
}

/**
 * Yellow stays bright where it is a fill (the Acknowledge button, the internal-note badge: black
 * text, autoContrast), but as text or on its own tint (the NEW badge was 2.68:1) it is amber.
 */
const AMBER_TEXT = '#8a4f00';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 for filled colours: white text on green/orange badges stays legible in both schemes.
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  colors,
  defaultRadius: 'md',
  fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: '"JetBrains Mono", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  headings: { fontWeight: '700' },
  fontSizes: { xs: '0.8125rem', sm: '0.9375rem', md: '1rem', lg: '1.125rem', xl: '1.25rem' },
  cursorType: 'pointer',
  components: {
    // Badges carry state ("No emergency support"): never clip them with an ellipsis.
    Badge: {
      defaultProps: { radius: 'sm' },
      styles: { root: { maxWidth: 'none', overflow: 'visible', flex: 'none' }, label: { overflow: 'visible' } },
    },
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } },
    // A close button a screen reader can name.
    Alert: { defaultProps: { closeButtonLabel: 'Dismiss' } },
    CloseButton: { defaultProps: { 'aria-label': 'Close' } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    // Placeholders were 2.07:1 (gray 5): a hint, lighter than text, but readable (4.9:1).
    '--mantine-color-placeholder': '#6a6f75',
    '--mantine-color-yellow-text': AMBER_TEXT,
    '--mantine-color-yellow-light-color': AMBER_TEXT,
    '--mantine-color-yellow-outline': AMBER_TEXT,
  },
  dark: {
    '--mantine-color-dimmed': t.colors.dark[0],
    '--mantine-color-text': t.colors.gray[1],
    '--mantine-color-placeholder': '#999999',
    // Links inside a blue public reply were 4.4:1 with shade 4.
    '--mantine-color-anchor': t.colors[t.primaryColor]![3],
  },
});
