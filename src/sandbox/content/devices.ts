/**
 * Device configurations testers report bugs on, by product type, plus the matching test
 * requirements (operating system, category, browsers) a test cycle asks for.
 */
import type { BugDevice, KeyedName, ProductType, Requirement } from '../types.js';

interface DeviceSpec {
  os: string;
  version: string;
  device: string;
  browsers: string[];
  category: string;
}

const DESKTOP: DeviceSpec[] = [
  { os: 'Windows', version: '11', device: 'Dell XPS 13', browsers: ['Chrome 131'], category: 'Computers' },
  { os: 'Windows', version: '10', device: 'Lenovo ThinkPad T14', browsers: ['Edge 130'], category: 'Computers' },
  { os: 'Windows', version: '11', device: 'HP EliteBook 840', browsers: ['Firefox 133'], category: 'Computers' },
  { os: 'macOS', version: '14 Sonoma', device: 'MacBook Air M2', browsers: ['Safari 17.6'], category: 'Computers' },
  { os: 'macOS', version: '15 Sequoia', device: 'MacBook Pro 14"', browsers: ['Chrome 131'], category: 'Computers' },
  { os: 'iOS', version: '17.6', device: 'iPhone 13', browsers: ['Safari'], category: 'Smartphones' },
  { os: 'Android', version: '14', device: 'Samsung Galaxy S23', browsers: ['Chrome 131'], category: 'Smartphones' },
];

const IOS: DeviceSpec[] = [
  { os: 'iOS', version: '18.1', device: 'iPhone 15 Pro', browsers: [], category: 'Smartphones' },
  { os: 'iOS', version: '17.6', device: 'iPhone 13', browsers: [], category: 'Smartphones' },
  { os: 'iOS', version: '17.5', device: 'iPhone SE (3rd generation)', browsers: [], category: 'Smartphones' },
  { os: 'iPadOS', version: '18.0', device: 'iPad Air (5th generation)', browsers: [], category: 'Tablets' },
];

const ANDROID: DeviceSpec[] = [
  { os: 'Android', version: '15', device: 'Google Pixel 8', browsers: [], category: 'Smartphones' },
  { os: 'Android', version: '14', device: 'Samsung Galaxy S23', browsers: [], category: 'Smartphones' },
  { os: 'Android', version: '13', device: 'Xiaomi Redmi Note 12', browsers: [], category: 'Smartphones' },
  { os: 'Android', version: '14', device: 'Samsung Galaxy Tab S9', browsers: [], category: 'Tablets' },
];

const WINDOWS_TABLET: DeviceSpec[] = [
  { os: 'Windows', version: '11', device: 'Microsoft Surface Pro 9', browsers: [], category: 'Tablets' },
  { os: 'Windows', version: '11', device: 'Panasonic Toughbook 33', browsers: [], category: 'Tablets' },
];

const STREAMING: DeviceSpec[] = [
  { os: 'Tizen', version: '7.0', device: 'Samsung QLED Q80C', browsers: [], category: 'Smart TVs' },
  { os: 'webOS', version: '23', device: 'LG OLED C3', browsers: [], category: 'Smart TVs' },
  { os: 'Fire OS', version: '8', device: 'Amazon Fire TV Stick 4K', browsers: [], category: 'Streaming devices' },
  { os: 'Android TV', version: '12', device: 'Google Chromecast with Google TV', browsers: [], category: 'Streaming devices' },
];

const GAMING: DeviceSpec[] = [
  { os: 'Windows', version: '11', device: 'Custom gaming PC (RTX 4070)', browsers: [], category: 'Computers' },
  { os: 'PlayStation', version: '24.06', device: 'PlayStation 5', browsers: [], category: 'Consoles' },
  { os: 'Xbox', version: '10.0.26100', device: 'Xbox Series X', browsers: [], category: 'Consoles' },
];

const BY_TYPE: Record<ProductType, DeviceSpec[]> = {
  website: DESKTOP,
  mobile_app_ios: IOS,
  mobile_app_android: ANDROID,
  mobile_app_windows: WINDOWS_TABLET,
  streaming_app: STREAMING,
  gaming: GAMING,
};

export function devicesFor(type: ProductType): readonly DeviceSpec[] {
  return BY_TYPE[type];
}

// Bug devices and requirements are shared between objects and sandboxes (thousands of copies would
// only feed the GC), so they are frozen: a mutation throws instead of leaking into other data.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const bugDeviceCache = new Map<DeviceSpec, BugDevice>();

export function toBugDevice(spec: DeviceSpec): BugDevice {
  let device = bugDeviceCache.get(spec);
  if (!device) {
    device = deepFreeze(buildBugDevice(spec));
    bugDeviceCache.set(spec, device);
  }
  return device;
}

function buildBugDevice(spec: DeviceSpec): BugDevice {
  return {
    operating_system: { name: spec.os },
    operating_system_version: { name: spec.version },
    device: { name: spec.device },
    browsers: spec.browsers.map((name) => ({ name })),
    category: { name: spec.category },
  };
}

function keyed(id: number, name: string): KeyedName {
  return { id, key: name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, ''), name };
}

const requirementCache = new Map<ProductType, Requirement[]>();

/** One requirement per distinct operating system of the product type's devices (shared, read-only). */
export function requirementsFor(type: ProductType): Requirement[] {
  let requirements = requirementCache.get(type);
  if (!requirements) {
    requirements = deepFreeze(buildRequirements(type));
    requirementCache.set(type, requirements);
  }
  return requirements;
}

function buildRequirements(type: ProductType): Requirement[] {
  const byOs = new Map<string, DeviceSpec[]>();
  for (const spec of BY_TYPE[type]) byOs.set(spec.os, [...(byOs.get(spec.os) ?? []), spec]);
  let id = 1;
  return [...byOs.entries()].map(([os, specs]) => ({
    operating_system: keyed(id++, os),
    category: keyed(id++, specs[0]!.category),
    browsers: [...new Set(specs.flatMap((s) => s.browsers.map((b) => b.replace(/ [\d.]+$/, ''))))].map((b) => keyed(id++, b)),
    devices: specs.map((s) => keyed(id++, s.device)),
  }));
}
