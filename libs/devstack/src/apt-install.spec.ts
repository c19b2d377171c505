import { aptInstall, AptInstallError, CommandResult, isAptLockHeld } from './apt-install';

// apt 2.6's own words when unattended-upgrades holds the frontend lock.
const LOCKED: CommandResult = {
  code: 100,
  stderr:
    'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (unattended-upgr)\n' +
    'E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?\n',
};
const LISTS_LOCKED: CommandResult = {
  code: 100,
  stderr:
    'E: Could not get lock /var/lib/apt/lists/lock. It is held by process 77 (apt-get)\nE: Unable to lock directory /var/lib/apt/lists/\n',
};

/** apt answers from a script of results; time passes only when the code under test sleeps. */
function fakeApt(results: CommandResult[]) {
  let clock = 0;
  const scripts: string[] = [];
  const lines: string[] = [];
  return {
    scripts,
    lines,
    options: {
      log: (l: string) => lines.push(`${clock / 1000}s ${l}`),
      run: (script: string) => {
        scripts.push(script);
        return Promise.resolve(results.shift() ?? { code: 0, stderr: '' });
      },
      sleep: (ms: number) => {
        clock += ms;
        return Promise.resolve();
      },
      now: () => clock,
    },
  };
}

describe('aptInstall', () => {
  it('waits while another apt/dpkg process holds the lock, telling the person every ~15 s, then installs', async () => {
    const apt = fakeApt([LOCKED, LOCKED, LOCKED, LISTS_LOCKED, LOCKED, LOCKED, LOCKED, { code: 0, stderr: '' }]);
    await aptInstall(['redis-server'], apt.options);
    expect(apt.scripts).toHaveLength(8);
    expect(apt.scripts[0]).toContain('apt-get install -y -qq redis-server');
    expect(apt.lines).toEqual([
      '0s process 4242 (unattended-upgr) holds the apt/dpkg lock: waiting for it to finish (up to 5 min)...',
      '15s still waiting for the apt/dpkg lock held by process 77 (apt-get) (15 s)...',
      '30s still waiting for the apt/dpkg lock held by process 4242 (unattended-upgr) (30 s)...',
      '35s the package lock is free again: installed.',
    ]);
  });

  it('gives up after the bound, naming the holder', async () => {
    const apt = fakeApt(Array.from({ length: 200 }, () => LOCKED));
    await expect(aptInstall(['redis-server'], apt.options)).rejects.toThrow(
      /process 4242 \(unattended-upgr\) still holds the apt\/dpkg lock after 300 s/,
    );
    // tried every 5 s for 5 min: the first try, 60 retries
    expect(apt.scripts).toHaveLength(61);
    expect(apt.lines.filter((l) => l.includes('still waiting'))).toHaveLength(19);
  });

  it('stops at once on a failure that is not the lock', async () => {
    const apt = fakeApt([{ code: 100, stderr: 'E: Unable to locate package redis-server\n' }]);
    await expect(aptInstall(['redis-server'], apt.options)).rejects.toThrow(AptInstallError);
    await expect(
      aptInstall(
        ['redis-server'],
        fakeApt([{ code: 100, stderr: 'E: Unable to locate package redis-server\n' }]).options,
      ),
    ).rejects.toThrow(/Unable to locate package/);
    expect(apt.scripts).toHaveLength(1);
  });

  it('recognises the lock messages of apt and dpkg', () => {
    expect(isAptLockHeld(LOCKED.stderr)).toBe(true);
    expect(isAptLockHeld(LISTS_LOCKED.stderr)).toBe(true);
    expect(isAptLockHeld('dpkg: error: dpkg frontend lock was locked by another process with pid 12')).toBe(true);
    expect(isAptLockHeld('dpkg: error: dpkg status database is locked by another process')).toBe(true);
    expect(isAptLockHeld('E: Unable to locate package redis-server')).toBe(false);
  });
});
