//! The pages' one style sheet, inlined: light and dark from `prefers-color-scheme`, a column
//! from 360 px up, and a print style. Status shows by mark, word and border as well as colour.
//! The calendar's scroll box runs right to left, so a narrow screen opens on the latest weeks.

pub const CSS: &str = r#"
:root{color-scheme:light dark;--bg:#fff;--fg:#1c2024;--muted:#5c6670;--line:#d5dadf;--card:#f6f8fa;
--done:#1a7f37;--verified:#0b5cad;--skipped:#8a6d00;--active:#bf5700;--pending:#6e7781;
--l0:#ebedf0;--l1:#9be9a8;--l2:#40c463;--l3:#30a14e;--l4:#216e39}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9aa5b1;--line:#30363d;
--card:#161b22;--done:#3fb950;--verified:#58a6ff;--skipped:#d4a72c;--active:#f0883e;--pending:#8b949e;
--l0:#1f242b;--l1:#0e4429;--l2:#006d32;--l3:#26a641;--l4:#39d353}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:1rem;background:var(--bg);color:var(--fg);
font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:0}a{color:var(--verified)}
.muted,.meta,figcaption,.axis{color:var(--muted)}
.overall{display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;align-items:baseline;margin:.6rem 0}
.percent{font-size:2.4rem;font-weight:700}
.habit{list-style:none;padding:0;margin:.4rem 0}
.progress{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem .6rem;min-width:0}
.bar{width:12rem;max-width:40vw;height:.7rem;flex:none}
.bar .track{fill:var(--l0)}.bar .done{fill:var(--done)}.bar .skipped{fill:var(--skipped)}
.bar .in_progress,.swatch .in_progress{fill:var(--active)}
.swatch .track{fill:var(--l0)}.swatch .done{fill:var(--done)}.swatch .skipped{fill:var(--skipped)}
.bar-key{margin:.4rem 0;font-size:.85rem}.swatch{vertical-align:-1px}
.figures{font-variant-numeric:tabular-nums;white-space:nowrap}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{text-align:left;padding:.25rem .6rem .25rem 0;border-bottom:1px solid var(--line);vertical-align:middle}
.num{text-align:right;font-variant-numeric:tabular-nums}
.band{margin:1rem 0;padding:.8rem;border:1px solid var(--line);border-radius:.5rem}
.band>header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.4rem;margin-bottom:.6rem}
.steps{list-style:none;margin:0;padding:0;display:grid;gap:.6rem;
grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))}
.step{background:var(--card);border:2px solid var(--pending);border-left-width:.5rem;border-radius:.4rem;
padding:.5rem .6rem;overflow-wrap:anywhere}
.step.done{border-color:var(--done)}.step.verified{border-color:var(--verified);border-style:double;border-left-style:solid}
.step.skipped{border-color:var(--skipped);border-style:dashed;border-left-style:solid}.step.in_progress{border-color:var(--active);border-style:dotted;border-left-style:solid}
.status{font-weight:600;font-size:.85rem}.mark{font-family:ui-monospace,monospace}
.step.done .status{color:var(--done)}.step.verified .status{color:var(--verified)}
.step.skipped .status{color:var(--skipped)}.step.in_progress .status{color:var(--active)}
.step.pending .status{color:var(--pending)}
.step h3{font-size:1rem;margin:.2rem 0}.summary{margin:.2rem 0;font-size:.9rem}
.lab{display:inline-block;margin-left:.4rem;padding:0 .35rem;border:1px solid currentColor;border-radius:.3rem;
font-size:.75rem;font-weight:700;text-transform:uppercase;color:var(--fg)}
.meta{font-size:.85rem}
.chart{margin:0}.scroll{overflow-x:auto}
#calendar .scroll{direction:rtl}#calendar svg{direction:ltr}
svg.calendar{display:block;max-width:none}svg.burnup{display:block;width:100%;height:auto;max-width:48rem}
.l0{fill:var(--l0)}.l1{fill:var(--l1)}.l2{fill:var(--l2)}.l3{fill:var(--l3)}.l4{fill:var(--l4)}
.axis{font-size:10px;fill:var(--muted)}.axis.end{text-anchor:end}
.settled{fill:none;stroke:var(--done);stroke-width:2.5}.total{stroke:var(--muted);stroke-dasharray:6 4}
.axis-line{stroke:var(--line)}
.legend{white-space:normal}.key{white-space:nowrap}.key svg{vertical-align:-1px}
.day{margin:.8rem 0}.events{list-style:none;padding:0;margin:.3rem 0}
.events li{padding:.2rem 0;border-bottom:1px solid var(--line)}
.events time{font-variant-numeric:tabular-nums;color:var(--muted);margin-right:.5rem}
.kind{display:inline-block;min-width:3.5rem;font-weight:600}
.note{margin:.2rem 0 .2rem 4.5rem;white-space:pre-wrap;overflow-wrap:anywhere}
footer{margin-top:2rem;font-size:.85rem}
body:has(.team){max-width:none}.team .bar{width:4.5rem;max-width:none}.team .progress{flex-wrap:nowrap}
.stage .progress{flex-direction:column;align-items:flex-start;gap:0}
.team thead th{font-size:.8rem;font-weight:600;vertical-align:bottom;min-width:5rem}
.team tbody th{position:sticky;left:0;z-index:1;background:var(--bg);min-width:7rem;overflow-wrap:anywhere}
.team td{white-space:nowrap}.team td[colspan]>span{display:block;max-width:calc(100vw - 11rem);white-space:normal;overflow-wrap:anywhere}
.member{font-weight:600}.name{display:block;font-size:.8rem;font-weight:400;color:var(--muted)}
.flag,.stale{display:inline-block;white-space:nowrap;padding:0 .3rem;border:1px solid currentColor;border-radius:.3rem;
font-size:.75rem;font-weight:700}.stale{color:var(--skipped)}.error{color:var(--active)}
@media (max-width:40rem){body{padding:.6rem;font-size:15px}.percent{font-size:2rem}.note{margin-left:1rem}
.steps{grid-template-columns:1fr}.bar{width:8rem}}
@media print{:root{--bg:#fff;--fg:#000;--card:#fff;--muted:#333}body{max-width:none;padding:0}
.band,.step,.day,figure{break-inside:avoid}.scroll{overflow:visible}
a{color:inherit;text-decoration:none}.step a[href]::after{content:" (" attr(href) ")";font-size:.75rem;overflow-wrap:anywhere}
details{display:none}}
"#;
