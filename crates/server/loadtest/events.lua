-- wrk script: GET /api/events with filters. With no argument, the nine filter sets below in
-- turn (round robin); with one (`wrk ... -s events.lua -- PATH`), that path only. At the end it
-- prints one line, "RESULT requests/s p50_ms p99_ms errors", that run.sh turns into a table.
local paths = {
  "/api/events?source=XAX&target=XBX&sort=-date&limit=100",
  "/api/events?actor=XCXGOV&from=2020-03-01&to=2020-04-30",
  "/api/events?cameo_root=19&quad_class=4&limit=50",
  "/api/events?from=2020-06-01&to=2020-06-30&sort=-goldstein&limit=20",
  "/api/events?quad_class=3&source=XDXMIL&limit=100",
  "/api/events?bbox=0,0,30,30&min_sources=2&limit=100",
  "/api/events?q=report&actor=XEX&limit=25",
  "/api/events?cameo=042&sort=-sources",
  -- A text that few events hold (some 500 of 100,000: reports 123, 1230-1239, 12300-12399);
  -- "report" above is in every event's sentence.
  "/api/events?q=report%20123&limit=25",
}
local i = 0

init = function(args)
  if #args > 0 then
    paths = { args[1] }
  end
end

request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

done = function(summary, latency, requests)
  local e = summary.errors
  -- Errors: failed connects, reads, writes, timeouts, and answers with a status of 400 or more.
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format("RESULT %.0f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.requests))
end
