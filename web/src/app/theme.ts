import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Read at 3 a.m. on a laptop at half brightness: larger base text, strong contrast, no pastel
// greys for secondary text.
export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 for filled colours: white text on green/orange badges stays legible in both schemes.
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
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
  },
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
  },
  dark: {
    '--mantine-color-dimmed': t.colors.dark[1],
    '--mantine-color-text': t.colors.gray[1],
  },
});
