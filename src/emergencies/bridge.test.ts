import { describe, expect, it } from 'vitest';
import { bridgeTemplateProblem, bridgeUrlFromTemplate, checkBridgeUrl, initialBridgeUrl } from './bridge.ts';

describe('WF-5: the bridge URL', () => {
  it.each([
    ['https://meet.example.com/hotline-101', 'https://meet.example.com/hotline-101'],
    ['  http://zoom.example/j/123?pwd=abc  ', 'http://zoom.example/j/123?pwd=abc'],
    ['HTTPS://Meet.Example.com/x', 'HTTPS://Meet.Example.com/x'],
  ])('WF-5: %j is a bridge URL', (raw, stored) => {
    expect(checkBridgeUrl(raw)).toBe(stored);
  });

  it.each([
    ['javascript:alert(1)', /must start with https:\/\/ or http:\/\/ \(got javascript:\)/],
    ['JavaScript:alert(document.cookie)', /got javascript:/],
    ['data:text/html,<script>alert(1)</script>', /got data:/],
    ['vbscript:msgbox', /got vbscript:/],
    ['ftp://files.example/bridge', /got ftp:/],
    ['meet.example.com/101', /is not a web address/],
    ['https://meet.example.com/a b', /spaces or control characters/],
    ['https://meet.example.com/\nx', /spaces or control characters/],
    ['https://user:secret@meet.example.com/x', /user name or password/],
    ['', /is not a web address/],
    [`https://meet.example.com/${'x'.repeat(2000)}`, /longer than 2000/],
  ])('WF-5: %j is refused with emergency.bad_bridge_url', (raw, message) => {
    expect(() => checkBridgeUrl(raw)).toThrow(message);
    try {
      checkBridgeUrl(raw);
    } catch (e) {
      expect(e).toMatchObject({ code: 'emergency.bad_bridge_url', kind: 'invalid' });
    }
  });

  it.each([
    ['https://meet.example.com/hotline-{ticket}', null, 'https://meet.example.com/hotline-4242'],
    ['https://meet.example.com/fixed-room', null, 'https://meet.example.com/fixed-room'],
    ['https://meet.example.com/{ticket}?t={ticket}', null, 'https://meet.example.com/4242?t=4242'],
    ['https://meet.example.com/{number}', /unknown placeholder \{number\}/, null],
    ['javascript:alert({ticket})', /must start with https:\/\/ or http:\/\//, null],
    ['meet-{ticket}', /is not a web address/, null],
  ])('WF-5: meeting-link template %j', (template, problem, url) => {
    const p = bridgeTemplateProblem(template);
    if (problem) expect(p).toMatch(problem);
    else {
      expect(p).toBeNull();
      expect(bridgeUrlFromTemplate(template, 4242)).toBe(url);
    }
    expect(initialBridgeUrl(template, 4242)).toBe(url);
  });

  it('WF-5: no template, no bridge', () => {
    expect(initialBridgeUrl(null, 7)).toBeNull();
  });
});
