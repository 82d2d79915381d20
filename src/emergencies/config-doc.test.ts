import { describe, expect, it } from 'vitest';
import { readEmergencyConfig } from './config-doc.ts';

describe('WF: the emergencies workspace config', () => {
  it('WF-5/SCH-12: snake_case or camelCase settings override the seeds’ defaults; the rest stay', () => {
    const { config } = readEmergencyConfig({ silence: { follow_up_after_minutes: 20 }, load: { aqcBaseline: 30 }, regions: { AMER: { zone: 'America/Chicago' } } });
    expect(config.silence).toEqual({ followUpAfterMinutes: 20, bridgeCloseAfterFollowUpMinutes: 15, priorityAfterClose: 'high' });
    expect(config.load.aqcBaseline).toBe(30);
    expect(config.load.underBaselineFraction).toBe(0.2);
    expect(config.regions.AMER).toEqual({ zone: 'America/Chicago', group: '@support-team-americas' });
    expect(config.entitlement.graceDays).toBe(14);
  });

  it('WF-2: runbook due minutes accept the known steps only', () => {
    expect(readEmergencyConfig({ runbook_due_minutes: { acknowledged: 5 } }).config.runbookDueMinutes.acknowledged).toBe(5);
    expect(() => readEmergencyConfig({ runbook_due_minutes: { coffee: 5 } })).toThrow(/emergencies\.config\.runbook_due_minutes\.coffee: unknown step/);
  });

  it('WF-5: the meeting-link template is a web address with an optional {ticket}; null or absent = no template', () => {
    expect(readEmergencyConfig({ bridge_url_template: ' https://meet.example.com/hotline-{ticket} ' }).config.bridgeUrlTemplate).toBe('https://meet.example.com/hotline-{ticket}');
    expect(readEmergencyConfig({ bridgeUrlTemplate: null }).config.bridgeUrlTemplate).toBeNull();
    expect(readEmergencyConfig({}).config.bridgeUrlTemplate).toBeNull();
  });

  it.each([
    [{ silence: { follow_up_minutes: 10 } }, /emergencies\.config\.silence\.follow_up_minutes: is not a setting here; known: follow_up_after_minutes/],
    [{ silence: { follow_up_after_minutes: -1 } }, /silence\.follow_up_after_minutes: must be a number, 0 or more/],
    [{ silence: { follow_up_after_minutes: '15' } }, /must be a number/],
    [{ silence: { priority_after_close: 'asap' } }, /must be one of low, normal, high, urgent \(got "asap"\)/],
    [{ entitlement: { same_day_zone: 'Mars/Olympus' } }, /"Mars\/Olympus" is not an IANA time zone/],
    [{ saas: { categories: ['regression', 'gremlins'] } }, /saas\.categories\[1\]: must be one of/],
    [{ entitlement: { emergency_tiers: 'premium' } }, /entitlement\.emergency_tiers: must be a list/],
    [{ incident: { status_page_url: '' } }, /must be a non-empty text/],
    [['not', 'a', 'map'], /emergencies\.config: must be a map of settings/],
    [{ bridge_url_template: 'javascript:alert({ticket})' }, /emergencies\.config\.bridge_url_template: "javascript:alert\(\{ticket\}\)": with \{ticket\} filled in, the address must start with https:\/\/ or http:\/\//],
    [{ bridge_url_template: 'https://meet.example.com/{room}' }, /bridge_url_template: .*unknown placeholder \{room\}; use \{ticket\}/],
    [{ bridge_url_template: 'meet.example.com/{ticket}' }, /bridge_url_template: .*is not a web address/],
    [{ bridge_url_template: 42 }, /bridge_url_template: must be a non-empty text, or null/],
  ])('bad input names the exact path: %j', (doc, message) => {
    expect(() => readEmergencyConfig(doc)).toThrow(message);
  });
});
