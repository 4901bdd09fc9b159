import { useState } from 'react';
import { useLoad } from '../../api/useApi.js';
import { countyUnits, isCityUser, mayReadUnit, useAppData } from '../../app-context.js';
import { formatMonth } from '../../format.js';
import { Link, navigate } from '../../router.js';
import { Async } from '../../ui/Async.js';
import { Card } from '../../ui/Card.js';
import { colorScale, NO_DATA_COLOR, type ColorScale } from './color-scale.js';
import { COUNTY_OUTLINES, MAP_VIEWBOX, ZONE_POINT } from './jincheng-outlines.js';
import { loadMeasureFigures } from './load-figures.js';
import { MAP_MEASURES, type MapMeasure, type MeasureFigures, type MeasureKey } from './map-measures.js';

// 挂图作战's map: Jincheng's six counties drawn from checked-in outlines (no map library), the
// development zone as a marked point, coloured by one measure of the month; a county opens its page.

export function CountyMap({ month }: { month: string }) {
  const { user, units } = useAppData();
  const codes = countyUnits(units).map((u) => u.code);
  // county-level units with no outline or point (a bundle's extra zones): listed under the map instead
  const placed = new Set([...COUNTY_OUTLINES.map((c) => c.code), ZONE_POINT.code]);
  const unplaced = countyUnits(units).filter((u) => !placed.has(u.code));
  const alertsPath = isCityUser(user) ? '/api/alerts' : `/api/alerts?unit=${encodeURIComponent(user.unitCode ?? '')}`;
  const figures = useLoad<MeasureFigures>(`map:${month}:${alertsPath}`, (signal) => loadMeasureFigures(month, codes, alertsPath, signal));
  const [chosen, setChosen] = useState<MeasureKey>('total');
  return (
    <Card title="县区分布图" className="map-card">
      <Async state={figures} what="地图数据">
        {(f) => {
          const offered = MAP_MEASURES.filter((m) => f[m.key]);
          const measure = offered.find((m) => m.key === chosen) ?? offered[0];
          const values = f[measure.key]!;
          const scale = colorScale([...values.values()], measure.scale);
          const open = (code: string) => mayReadUnit(user, code) && navigate(`/county/${encodeURIComponent(code)}?month=${month}`);
          const tip = (code: string, name: string) => {
            const v = values.get(code);
            return `${name}\n${formatMonth(month)}${measure.label}：${v === null || v === undefined ? '暂无数据' : measure.format(v)}`;
          };
          return (
            <figure className="county-map" data-testid="county-map" data-measure={measure.key}>
              <label className="field map-measure">
                <span>着色指标</span>
                <select value={measure.key} onChange={(e) => setChosen(e.target.value as MeasureKey)}>
                  {offered.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}
                </select>
              </label>
              <svg viewBox={`0 0 ${MAP_VIEWBOX.width} ${MAP_VIEWBOX.height}`} role="img" aria-label={`晋城市各县区${formatMonth(month)}${measure.label}分布图`}>
                {COUNTY_OUTLINES.map((c) => (
                  <path
                    key={c.code} d={c.d} className="map-county" data-unit={c.code} data-value={values.get(c.code) ?? ''}
                    fill={scale.colorOf(values.get(c.code))} tabIndex={0} role="link" aria-label={tip(c.code, c.name).replace('\n', ' ')}
                    onClick={() => open(c.code)} onKeyDown={(e) => e.key === 'Enter' && open(c.code)}
                  >
                    <title>{tip(c.code, c.name)}</title>
                  </path>
                ))}
                {COUNTY_OUTLINES.map((c) => (
                  <text key={c.code} x={c.label[0]} y={c.label[1]} className="map-label">{c.name}</text>
                ))}
                <g
                  className="map-zone" data-unit={ZONE_POINT.code} data-value={values.get(ZONE_POINT.code) ?? ''} tabIndex={0} role="link"
                  aria-label={tip(ZONE_POINT.code, ZONE_POINT.name).replace('\n', ' ')} onClick={() => open(ZONE_POINT.code)} onKeyDown={(e) => e.key === 'Enter' && open(ZONE_POINT.code)}
                >
                  <title>{tip(ZONE_POINT.code, ZONE_POINT.name)}</title>
                  <circle cx={ZONE_POINT.at[0]} cy={ZONE_POINT.at[1]} r={9} fill={scale.colorOf(values.get(ZONE_POINT.code))} />
                  <text x={ZONE_POINT.at[0] + 12} y={ZONE_POINT.at[1] + 16} className="map-label">经开区</text>
                </g>
              </svg>
              {unplaced.length ? (
                <ul className="map-unplaced" aria-label="图上未标示的单位">
                  {unplaced.map((u) => (
                    <li key={u.code} data-unit={u.code} data-value={values.get(u.code) ?? ''} title={tip(u.code, u.name)}>
                      <i style={{ background: scale.colorOf(values.get(u.code)) }} />
                      {mayReadUnit(user, u.code) ? <Link to={`/county/${encodeURIComponent(u.code)}?month=${month}`}>{u.name}</Link> : u.name}
                      ：{tip(u.code, u.name).split('：')[1]}
                    </li>
                  ))}
                </ul>
              ) : null}
              <MapLegend measure={measure} scale={scale} />
            </figure>
          );
        }}
      </Async>
    </Card>
  );
}

function MapLegend({ measure, scale }: { measure: MapMeasure; scale: ColorScale }) {
  return (
    <figcaption className="map-legend" data-testid="map-legend">
      <span className="map-legend-title">{measure.label}</span>
      {scale.bins.map((b) => (
        <span key={b.color} className="map-legend-bin" data-color={b.color} data-from={b.from} data-to={b.to}>
          <i style={{ background: b.color }} />
          {b.from === b.to ? measure.format(b.from) : `${measure.format(b.from)} ～ ${measure.format(b.to)}`}
        </span>
      ))}
      <span className="map-legend-bin" data-color={NO_DATA_COLOR}>
        <i style={{ background: NO_DATA_COLOR }} />暂无数据
      </span>
      <span className="map-legend-bin">
        <i className="map-legend-zone" />经开区（无边界数据，以圆点标示）
      </span>
    </figcaption>
  );
}
