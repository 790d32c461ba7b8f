import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkSchedule, checkTimezone, onCalendar } from './schedule';

/** systemd's own calendar parser, where systemd is installed (it is on this project's Debian machines). */
const HAS_SYSTEMD = spawnSync('systemd-analyze', ['--version']).status === 0;

describe('schedules', () => {
  it('cron fields become OnCalendar= expressions systemd accepts (validator: systemd-analyze calendar)', () => {
    const cases: Array<[string, string | undefined, string]> = [
      ['0 6 * * 1-5', 'Europe/Lisbon', 'Mon..Fri *-*-* 06:00:00 Europe/Lisbon'],
      ['*/15 * * * *', undefined, '*-*-* *:00/15:00'],
      ['30 2 1 */3 *', 'UTC', '*-01/3-01 02:30:00 UTC'],
      ['5,35 8-18 * * 0,6', undefined, 'Sun,Sat *-*-* 08..18:05,35:00'],
    ];
    for (const [cron, tz, expected] of cases) {
      const cal = onCalendar(cron, tz);
      expect(cal).toBe(expected);
      if (!HAS_SYSTEMD) continue;
      const r = spawnSync('systemd-analyze', ['calendar', cal], { encoding: 'utf8' });
      expect(r.stderr, cal).toBe('');
      expect(r.status).toBe(0);
    }
  });

  it('refuses what is not five valid fields, and unknown time zones', () => {
    expect(() => checkSchedule('0 6 * *')).toThrow(/five cron fields/);
    expect(() => checkSchedule('60 * * * *')).toThrow(/minute/);
    expect(() => checkSchedule('0 6 * * 5-1')).toThrow(/day of week/);
    expect(() => checkSchedule('@daily')).toThrow(/five/);
    expect(() => checkTimezone('Mars/Olympus')).toThrow(/time zone/);
    expect(() => onCalendar('0 6 * * */2', undefined)).toThrow(/list them/);
  });
});
