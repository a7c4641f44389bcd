-- wrk script: GET /api/events with a different set of filters on each request (round robin).
local paths = {
  "/api/events?source=QAX&target=QBX&sort=-date&limit=100",
  "/api/events?actor=QCXGOV&from=2020-03-01&to=2020-04-30",
  "/api/events?cameo_root=19&quad_class=4&limit=50",
  "/api/events?from=2020-06-01&to=2020-06-30&sort=-goldstein&limit=20",
  "/api/events?quad_class=3&source=QDXMIL&limit=100",
  "/api/events?bbox=0,0,30,30&min_sources=2&limit=100",
  "/api/events?q=report&actor=QEX&limit=25",
  "/api/events?cameo=042&sort=-sources",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
