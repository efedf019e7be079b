/** The first device of a bug as one short line, as get_test_bugs shows it ("iOS 17.2 · iPhone 15 · Safari"). */
export interface DeviceColumns {
  operating_system: string | null;
  operating_system_version: string | null;
  device: string | null;
  browsers: string | null;
  category: string | null;
}

export function deviceLine(d: DeviceColumns): string | null {
  const os = [d.operating_system, d.operating_system_version].filter(Boolean).join(' ');
  const parts = [os, d.device ?? d.category, d.browsers].filter((p): p is string => !!p);
  return parts.length === 0 ? null : parts.join(' · ');
}
