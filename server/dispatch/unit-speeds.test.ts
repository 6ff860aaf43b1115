// Speeds per unit kind and road class, from data/unit-speeds.json, and the errors a bad copy gets.
import { describe, expect, it } from 'vitest';
import { loadUnitSpeeds, parseUnitSpeeds, UnitSpeedsError } from './unit-speeds.ts';

const kmh = (mps: number) => Math.round(mps * 3.6 * 1000) / 1000;

describe('unit speeds', () => {
  const speeds = loadUnitSpeeds();

  it('walks at 5 km/h on every walkable class, and never on a motorway', () => {
    for (const c of ['arterial', 'street', 'rural', 'residential', 'anything-else']) expect(kmh(speeds.speedMps('foot', c))).toBe(5);
    expect(speeds.speedMps('foot', 'motorway')).toBe(0);
  });

  it('rides an e-bike at about 18 km/h, off motorways and footways', () => {
    expect(kmh(speeds.speedMps('ebike', 'street'))).toBe(18);
    expect(kmh(speeds.speedMps('ebike', 'arterial'))).toBe(18);
    expect(speeds.speedMps('ebike', 'motorway')).toBe(0);
    expect(speeds.speedMps('ebike', 'footway')).toBe(0);
  });

  it('drives a car by class', () => {
    expect(kmh(speeds.speedMps('car', 'arterial'))).toBe(45);
    expect(kmh(speeds.speedMps('car', 'street'))).toBe(25);
    expect(kmh(speeds.speedMps('car', 'rural'))).toBe(40);
    expect(kmh(speeds.speedMps('car', 'motorway'))).toBe(90);
    expect(kmh(speeds.speedMps('car', 'unknown-class'))).toBe(30);
    expect(speeds.speedMps('car', 'footway')).toBe(0);
  });

  it('keeps vehicles to one-way streets, not walkers', () => {
    expect([speeds.obeysOneway('foot'), speeds.obeysOneway('ebike'), speeds.obeysOneway('car')]).toEqual([false, true, true]);
    expect(kmh(speeds.offRoadMps)).toBe(5);
  });

  it('does not take a class name from the object prototype', () => {
    expect(kmh(speeds.speedMps('car', 'constructor'))).toBe(30);
    expect(kmh(speeds.speedMps('car', '__proto__'))).toBe(30);
  });

  it.each([
    [{ kinds: {} }, 'offRoadKmh is missing'],
    [{ offRoadKmh: 5, kinds: { foot: { default: 5, obeysOneway: false }, ebike: { default: 18, obeysOneway: true } } }, 'kinds.car is missing'],
    [{ offRoadKmh: 5, kinds: { foot: { default: 0, obeysOneway: false }, ebike: { default: 18, obeysOneway: true }, car: { default: 30, obeysOneway: true } } }, 'kinds.foot.default must be above 0 km/h'],
    [{ offRoadKmh: 5, kinds: { foot: { default: 5, obeysOneway: false }, ebike: { default: 18, obeysOneway: true }, car: { default: 30, obeysOneway: true, classes: { street: 'fast' } } } }, 'kinds.car.classes.street'],
    [{ offRoadKmh: 5, kinds: { foot: { default: 5, obeysOneway: false }, ebike: { default: 18, obeysOneway: true }, car: { default: 30, obeysOneway: true }, bus: {} } }, 'kinds.bus is not a known key'],
    ['not an object', 'must be a JSON object'],
  ])('refuses %j naming the key', (value, message) => {
    expect(() => parseUnitSpeeds(value, 'speeds.json')).toThrow(UnitSpeedsError);
    expect(() => parseUnitSpeeds(value, 'speeds.json')).toThrow(message);
  });
});
