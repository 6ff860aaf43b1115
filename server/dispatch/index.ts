// Dispatch (指挥派遣): road travel times from the county's roads and the ranked units for a case.
// Pure: built from the roads and the speeds, queried with positions and statuses passed in.
export { buildRoadNetwork, onewayOf, mayTravel, wayPart, type RoadLine, type RoadNetwork, type Oneway } from './road-network.ts';
export { createSnapper, type Snap, type Snapper } from './snap.ts';
export { routingProfile, searchFromScene, targetNodes, travelTime, routeCoordinates, type RoutingProfile, type SceneSearch, type Travel, type TravelTime } from './travel-times.ts';
export { createDispatchRouter, routerOver, type DispatchRouter } from './router.ts';
export { recommendUnits, type CandidateUnit, type DispatchScene, type RecommendOptions } from './recommend.ts';
export { loadUnitSpeeds, parseUnitSpeeds, UnitSpeedsError, DEFAULT_UNIT_SPEEDS_FILE, type UnitSpeeds, type UnitSpeedTable } from './unit-speeds.ts';
export { haversineM } from './geo.ts';
