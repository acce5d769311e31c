// The console's pages: each panel reads one documented admin endpoint (docs/console.md) and draws it.
"use strict";
(function (B) {
  const $ = id => document.getElementById(id);
  const PAGES = ["executive", "oncall", "debug", "network"];
  const WINDOWS = ["5m", "1h", "6h", "1d"];
  let timer = null;

  async function json(url, body) {
    const response = await fetch(url, body === undefined ? { cache: "no-store" }
      : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const answer = await response.json();
    if (!response.ok) throw new Error(url + ": " + (answer.error || response.status));
    return answer;
  }

  const sli = (kind, window) => json("/_backlane/sli?kind=" + kind + "&window=" + (window || currentWindow()))
    .then(answer => answer.reports);
  const topology = () => json("/_backlane/ui/api/topology");
  const currentWindow = () => $("window").value;

  B.indicator = (report, id) => report.indicators.find(one => one.id === id) || { value: null, met: null };
  B.calls = report => Object.values(report.statuses).reduce((sum, count) => sum + count, 0);
  B.state = indicator => indicator.met === true ? "ok" : indicator.met === false ? "bad" : "none";
  B.percent = value => value === null || value === undefined ? "–" : (100 * value).toFixed(value === 1 || value === 0 ? 0 : 2) + " %";
  const millis = value => value === null || value === undefined ? "–" : value.toFixed(1) + " ms";
  const money = value => value === null || value === undefined ? "–" : "$" + Number(value).toFixed(2);
  const status = (report, test) => Object.entries(report.statuses).filter(([code]) => test(Number(code)))
    .reduce((sum, [, count]) => sum + count, 0);
  const rate = (part, total) => total ? part / total : null;
  const objective = indicator => indicator.objective ? Number(indicator.objective.replace(/^[<>]=\s*/, "")) : null;
  const mark = indicator => B.el("span", { class: B.state(indicator) }, B.percent(indicator.value));
  const fill = (id, ...nodes) => $(id).replaceChildren(...nodes);
  const time = text => text ? new Date(text).toLocaleTimeString() : "–";
  /** The resolver's answers that failed the asker (docs/console.md): no such name, the resolver failed, or it refused. */
  const DNS_FAILURES = ["NXDOMAIN", "SERVFAIL", "REFUSED"];
  /** The gateway outcomes that reset or dropped a request, with their column titles. */
  const DROPS = { RESET: "Reset", STALLED: "Dropped (stalled)", BLOCKED_WITH_ERROR: "Blocked (504)", UPSTREAM_FAILED: "Upstream failed" };
  /**
   * The PrivateLink tunnels counted in an endpoint's metrics (events of kind privatelink), shown after the gateway's calls:
   * titled as tunnels, since an AWS call blocked at the endpoint counts in its PacketsDropped too, under the calls' columns.
   */
  const PRIVATELINK_DROPS = { PacketsDropped: "Tunnels dropped (PacketsDropped)", RstPacketsReceived: "Tunnels reset (RstPacketsReceived)" };

  /**
   * The gateway events that were reset or dropped, counted per endpoint and workload, newest first, with the explanation
   * codes that decided them. A call blocked at an endpoint (its security groups, an F2 or F3 fault) did not go through
   * it, so it has no via, but the event names the endpoint it was stopped at; a call with neither is "direct".
   */
  B.resetsAndDrops = function (events) {
    const groups = {};
    events.filter(event => event.outcome in DROPS || event.outcome in PRIVATELINK_DROPS).forEach(event => {
      const via = event.endpoint || event.via || "direct", key = via + " " + event.workloadId;
      const group = groups[key] || (groups[key] = { via, workloadId: event.workloadId, counts: {}, last: null, why: new Set() });
      group.counts[event.outcome] = (group.counts[event.outcome] || 0) + 1;
      if (event.explanationCode) group.why.add(event.explanationCode);
      if (!group.last || event.time > group.last) group.last = event.time;
    });
    return Object.values(groups).sort((a, b) => b.last.localeCompare(a.last));
  };
  const resetsAndDrops = B.resetsAndDrops;

  /**
   * Each endpoint's region and service (from the topology) with the endpoint's M1, the worst endpoint's shown: probes
   * are made per endpoint, not per service, and a service is an endpoint service of one region.
   */
  B.serviceAvailability = function (world, endpoints) {
    const groups = {};
    world.accounts.forEach(account => account.vpcs.forEach(vpc => vpc.endpoints.forEach(endpoint => {
      const report = endpoints.find(one => one.id === endpoint.vpcEndpointId);
      if (!report) return;
      const m1 = B.indicator(report, "M1"), key = vpc.region + " " + endpoint.serviceName;
      const group = groups[key] || (groups[key] = { region: vpc.region, service: endpoint.serviceName, endpoints: 0, m1 });
      group.endpoints++;
      if (m1.value !== null && (group.m1.value === null || m1.value < group.m1.value)) group.m1 = m1;
    })));
    return Object.values(groups).sort((a, b) => a.region.localeCompare(b.region) || a.service.localeCompare(b.service));
  };

  async function executive() {
    const [world, endpoints, cost, vpcs, trend, ...latency] = await Promise.all([topology(), sli("endpoint"), json("/_backlane/cost", {}),
      sli("vpc"), json("/_backlane/trends?window=" + currentWindow()), ...WINDOWS.map(window => sli("service", window))]);
    const at = trend.points.map(point => new Date(point.end));
    const services = [...new Set(trend.points.flatMap(point => Object.keys(point.p95Millis)))].sort();
    B.timeSeries("exec-trend-latency", at, services.map(service => ({ name: service, values: trend.points.map(point =>
      service in point.p95Millis ? point.p95Millis[service] : null) })),
      { label: "p95 latency per service", format: millis, empty: "No calls in this window." },
      B.el("p", { class: "muted" }, "Steps of " + trend.step + "; each point is the p95 of the calls in its step."));
    B.timeSeries("exec-trend-cost", at, [{ name: "month at this traffic", values: trend.points.map(point => Number(point.monthlyCost)) }],
      { label: "monthly cost", format: money },
      B.el("p", { class: "muted", id: "exec-trend-cost-last" }, "Now: " + money(trend.points[trend.points.length - 1].monthlyCost)
        + " a month (today's endpoints and NAT gateways, at each step's endpoint traffic scaled to a month)"));
    const availability = B.serviceAvailability(world, endpoints);
    fill("exec-availability", B.bars(availability.map(row => ({ label: row.region + " " + row.service.split(".").pop(), value: row.m1.value,
      text: B.percent(row.m1.value), state: B.state(row.m1) })), { max: 1, objective: availability.length ? objective(availability[0].m1) : null,
      label: "availability per region and service", empty: "No endpoint has been probed yet." }),
      B.table([{ title: "Region", value: row => row.region }, { title: "Service", value: row => row.service },
        { title: "Endpoints", value: row => row.endpoints, numeric: true },
        { title: "Worst M1", value: row => mark(row.m1), numeric: true },
        { title: "SLO", value: row => row.m1.objective },
        { title: "Basis", value: row => row.m1.basis }], availability, " "));
    const components = cost.scopes.flatMap(scope => scope.components.map(component => ({ ...component, account: scope.account,
      region: scope.region }))).filter(component => component.kind !== "nat-gateway" || Number(component.total) > 0)
      .sort((a, b) => Number(b.total) - Number(a.total));
    fill("exec-cost", B.bars(components.map(component => ({ label: component.id, value: Number(component.total),
      text: money(component.total), state: "ok" })), { label: "monthly cost", empty: "No endpoint costs anything yet." }),
      B.table([{ title: "Endpoint", value: row => row.id }, { title: "Kind", value: row => row.kind },
        { title: "Service", value: row => row.serviceName }, { title: "GB/month", value: row => row.gbPerMonth, numeric: true },
        { title: "Month", value: row => money(row.total), numeric: true, }], components, " "),
      B.el("p", { class: "muted" }, "Traffic basis: " + cost.traffic + "; prices as of " + cost.pricesAsOf));
    const names = [...new Set(latency.flat().map(report => report.id))].sort();
    fill("exec-latency", B.table([{ title: "Service", value: name => name }, ...WINDOWS.map((window, index) => ({
      title: "p95 " + window, numeric: true, value: name => {
        const report = latency[index].find(one => one.id === name);
        return report ? millis(B.indicator(report, "M4").value) : "–";
      } }))], names, "No calls yet."));
    const resolving = vpcs.map(report => ({ report, m2: B.indicator(report, "M2") }));
    fill("exec-private", B.table([{ title: "VPC", value: row => row.report.id },
      { title: "Private answers", value: row => mark(row.m2), numeric: true },
      { title: "SLO", value: row => row.m2.objective },
      { title: "Basis", value: row => row.m2.basis }], resolving, "No DNS answers yet."));
  }

  async function oncall() {
    const [zones, recent, endpoints, world, faults, alerts, queries, trend] = await Promise.all([sli("zone"), sli("endpoint", "5m"),
      sli("endpoint"), topology(), json("/_backlane/faults"), json("/_backlane/alerts"), json("/_backlane/events?kind=dns&limit=1000"),
      json("/_backlane/trends?window=" + currentWindow())]);
    B.timeSeries("oncall-trend-rates", trend.points.map(point => new Date(point.end)), [
      { name: "errors (4xx but 429, 5xx)", values: trend.points.map(point => rate(point.errors, point.calls)) },
      { name: "429", values: trend.points.map(point => rate(point.throttled, point.calls)) }],
      { label: "error and 429 rates", format: B.percent, empty: "No calls in this window." },
      B.el("p", { class: "muted" }, "Steps of " + trend.step + "; a gap where a step had no calls."));
    fill("oncall-dns-failures", B.table([{ title: "Time", value: row => time(row.time) }, { title: "VPC", value: row => row.vpcId },
      { title: "Name", value: row => row.name }, { title: "Type", value: row => row.type },
      { title: "Rcode", value: row => B.el("span", { class: "bad" }, row.rcode) }],
      queries.events.filter(row => DNS_FAILURES.includes(row.rcode)).reverse().slice(0, 50), "No failed DNS answer among the newest "
        + queries.events.length + "."));
    const GROUPING = ["alertname", "severity", "indicator", "region", "service"];
    fill("oncall-alerts", B.table([{ title: "Alert", value: row => row.alert },
      { title: "Severity", value: row => B.el("span", { class: row.severity === "page" ? "bad" : "warn" }, row.severity) },
      { title: "Region", value: row => row.labels.region }, { title: "Service", value: row => row.labels.service },
      { title: "Subject", value: row => Object.entries(row.labels).filter(([key]) => !GROUPING.includes(key))
        .map(([key, value]) => key + "=" + value).join(", ") },
      { title: "Firing since", value: row => row.firedAt ? new Date(row.firedAt).toLocaleTimeString() : "–" },
      { title: "What", value: row => row.annotations.description || row.annotations.summary || "" }],
      alerts.alerts.filter(alert => alert.state === "firing"), "No alert is firing."));
    fill("oncall-zones", B.table([{ title: "Zone", value: row => row.id },
      { title: "M1 availability", value: row => mark(B.indicator(row, "M1")), numeric: true },
      { title: "M3 success", value: row => mark(B.indicator(row, "M3")), numeric: true },
      { title: "Calls", value: row => B.calls(row), numeric: true }], zones, "No zone has traffic or probes yet."));
    const health = Object.fromEntries(endpoints.map(report => [report.id, B.indicator(report, "M1")]));
    const subnets = world.accounts.flatMap(account => account.vpcs.flatMap(vpc => vpc.subnets.map(subnet => ({ subnet, vpc,
      endpoints: vpc.endpoints.filter(endpoint => (endpoint.subnetIds || []).includes(subnet.subnetId)) }))))
      .filter(row => row.endpoints.length);
    fill("oncall-subnets", B.table([{ title: "Subnet", value: row => row.subnet.name || row.subnet.subnetId },
      { title: "Zone", value: row => row.subnet.availabilityZone },
      { title: "Endpoints", value: row => row.endpoints.map(endpoint => endpoint.vpcEndpointId).join(", ") },
      { title: "Worst M1", numeric: true, value: row => {
        const values = row.endpoints.map(endpoint => health[endpoint.vpcEndpointId]).filter(one => one && one.value !== null);
        if (!values.length) return B.el("span", { class: "none" }, "–");
        return mark(values.reduce((worst, one) => one.value < worst.value ? one : worst));
      } }], subnets, "No endpoint has an interface in a subnet."));
    fill("oncall-rates", B.table([{ title: "Endpoint", value: row => row.id },
      { title: "Calls", value: row => B.calls(row), numeric: true },
      { title: "Error rate", numeric: true, value: row => B.percent(rate(status(row, code => code >= 400 && code !== 429), B.calls(row))) },
      { title: "429 rate", numeric: true, value: row => B.percent(rate(status(row, code => code === 429), B.calls(row))) }],
      recent.filter(row => B.calls(row) > 0), "No calls in the last 5 minutes."));
    fill("oncall-rejects", B.table([{ title: "Endpoint", value: row => row.id },
      { title: "M8 reject rate", value: row => mark(B.indicator(row, "M8")), numeric: true },
      { title: "Basis", value: row => B.indicator(row, "M8").basis }], endpoints, "No endpoint yet."));
    fill("oncall-faults", B.table([{ title: "Fault", value: row => row.faultId }, { title: "Kind", value: row => row.kind },
      { title: "What", value: row => row.description },
      { title: "Scope", value: row => Object.entries(row.scope || {}).map(([key, value]) => key + "=" + value).join(", ") },
      { title: "State", value: row => row.state }, { title: "Ends", value: row => row.endTime }],
      faults.faults, "No fault is active."));
  }

  async function debug() {
    const [workloads, world, queries, requests, lifecycle, privateLink] = await Promise.all([sli("workload"), topology(),
      json("/_backlane/events?kind=dns&limit=200"), json("/_backlane/events?kind=gateway&limit=1000"), json("/_backlane/events?kind=endpoint&limit=1000"),
      json("/_backlane/events?kind=privatelink&limit=1000")]);
    fill("debug-resets", B.table([{ title: "Endpoint", value: row => row.via }, { title: "Workload", value: row => row.workloadId },
      ...Object.entries(DROPS).map(([outcome, title]) => ({ title, numeric: true, value: row => row.counts[outcome] || 0 })),
      { title: "Why", value: row => [...row.why].sort().join(", ") },
      ...Object.entries(PRIVATELINK_DROPS).map(([metric, title]) => ({ title, numeric: true, value: row => row.counts[metric] || 0 })),
      { title: "Last", value: row => time(row.last) }],
      // The PrivateLink connections counted in an endpoint's PacketsDropped or RstPacketsReceived, beside the gateway's outcomes.
      resetsAndDrops(requests.events.concat(privateLink.events.map(event => ({ ...event, outcome: event.metric,
        explanationCode: event.explanationCode || event.cause })))),
      "No request was reset or dropped among the newest "
        + requests.events.length + "."));
    const placed = Object.fromEntries(world.accounts.flatMap(account => account.vpcs.flatMap(vpc => vpc.workloads.map(workload =>
      [workload.workloadId, { ...workload, vpcId: vpc.vpcId }]))));
    fill("debug-workloads", B.table([{ title: "Workload", value: row => row.id },
      { title: "VPC", value: row => (placed[row.id] || {}).vpcId }, { title: "Address", value: row => (placed[row.id] || {}).privateIpAddress },
      { title: "Calls", value: row => B.calls(row), numeric: true },
      { title: "M3 success", value: row => mark(B.indicator(row, "M3")), numeric: true },
      { title: "p95", value: row => millis(B.indicator(row, "M4").value), numeric: true },
      { title: "Bytes", value: row => B.indicator(row, "M5").value, numeric: true },
      { title: "429", value: row => status(row, code => code === 429), numeric: true },
      { title: "Statuses", value: row => Object.entries(row.statuses).map(([code, count]) => code + "×" + count).join(" ") }],
      workloads.filter(row => B.calls(row) > 0), "No workload has made a call yet."));
    const endpoints = world.accounts.flatMap(account => account.vpcs.flatMap(vpc => vpc.endpoints));
    const named = (id, name) => name ? id + " (" + name + ")" : id;
    fill("debug-provisioning", B.table([{ title: "Endpoint", value: row => named(row.vpcEndpointId, row.name) },
      { title: "Service", value: row => row.serviceName }, { title: "State", value: row => row.state },
      { title: "Provisioning", numeric: true, value: row => row.provisioningSeconds === undefined ? "–" : row.provisioningSeconds + " s" }],
      endpoints, "No endpoints."));
    // The lifecycle as it happened (the event stream), newest first; each row shows its endpoint's provisioning time once known.
    const provisioned = Object.fromEntries(lifecycle.events.filter(event => event.provisioningSeconds !== undefined)
      .map(event => [event.vpcEndpointId, event.provisioningSeconds]));
    fill("debug-enis", B.table([{ title: "Time", value: row => time(row.time) },
      { title: "Endpoint", value: row => row.vpcEndpointId },
      { title: "Event", value: row => row.event === "state" ? (row.from ? row.from + " → " : "created: ") + row.to : row.step },
      { title: "Network interface", value: row => row.networkInterfaceId }, { title: "Subnet", value: row => row.subnetId },
      { title: "Zone", value: row => row.availabilityZone }, { title: "Address", value: row => row.privateIpAddress },
      { title: "Provisioning", numeric: true, value: row => provisioned[row.vpcEndpointId] === undefined ? "–"
        : provisioned[row.vpcEndpointId] + " s" }],
      lifecycle.events.slice().reverse(), "No endpoint event yet."));
    fill("debug-dns-timeline", B.table([{ title: "Time", value: row => time(row.time) }, { title: "VPC", value: row => row.vpcId },
      { title: "Client", value: row => row.client }, { title: "Name", value: row => row.name }, { title: "Type", value: row => row.type },
      { title: "Rcode", value: row => B.el("span", { class: row.rcode === "NOERROR" ? "ok" : "bad" }, row.rcode) },
      { title: "Answers (TTL)", value: row => row.answers.map(answer => answer.rdata + " (" + answer.ttl + " s)").join(", ") },
      { title: "Cached until", value: row => time(row.cachedUntil) }],
      queries.events.slice().reverse(), "No DNS query answered yet."),
      B.el("p", { class: "muted" }, "The newest " + queries.events.length + " of the last " + queries.capacity + " answers kept"
        + (queries.dropped ? " (" + queries.dropped + " older ones let go)" : "") + "."));
    const vpcSelect = $("dns-vpc"), chosen = vpcSelect.value;
    vpcSelect.replaceChildren(...world.accounts.flatMap(account => account.vpcs).map(vpc =>
      B.el("option", { value: vpc.vpcId }, vpc.vpcId + (vpc.name ? " (" + vpc.name + ")" : ""))));
    if (chosen) vpcSelect.value = chosen;
  }

  async function askDns(event) {
    event.preventDefault();
    try {
      const answer = await json("/_backlane/dns/answer?type=A&vpc=" + encodeURIComponent($("dns-vpc").value) + "&name="
        + encodeURIComponent($("dns-name").value));
      fill("debug-dns", B.el("p", {}, (answer.rcode || "") + " — answered by " + answer.answeredBy),
        B.table([{ title: "Name", value: row => row.name }, { title: "Type", value: row => row.type },
          { title: "Answer", value: row => row.address || row.target }, { title: "TTL", value: row => row.ttl, numeric: true }],
          answer.answers || [], "No records."));
    } catch (problem) {
      fill("debug-dns", B.el("p", { class: "bad" }, problem.message));
    }
  }

  async function network() {
    const [world, endpoints] = await Promise.all([topology(), sli("endpoint")]);
    const health = Object.fromEntries(endpoints.map(report => [report.id, B.indicator(report, "M1")]));
    const select = $("path-workload"), chosen = select.value;
    select.replaceChildren(...world.accounts.flatMap(account => account.vpcs.flatMap(vpc => vpc.workloads.map(workload =>
      B.el("option", { value: workload.workloadId }, workload.workloadId + " (" + vpc.vpcId + ")")))));
    if (chosen) select.value = chosen;
    B.network.draw($("network-drawing"), world, health);
  }

  async function explain(event) {
    event.preventDefault();
    const world = B.network.world;
    const workload = world && world.accounts.flatMap(account => account.vpcs.flatMap(vpc => vpc.workloads.map(one =>
      ({ ...one, account: account.accountId, region: vpc.region })))).find(one => one.workloadId === $("path-workload").value);
    if (!workload) return fill("path-result", B.el("p", { class: "bad" }, "Pick a workload first."));
    try {
      const answer = await json("/_backlane/explain", { account: workload.account, region: workload.region,
        from: workload.networkInterfaceId, to: $("path-to").value, port: Number($("path-port").value) });
      const deciding = answer.explanations.length ? answer.explanations[0] : null;
      fill("path-result", B.el("p", { id: "path-verdict" }, B.el("strong", { class: "verdict-" + answer.verdict }, answer.verdict),
        answer.via ? " via " + answer.via : "", deciding ? " — deciding rule: " + deciding.code + " at " + deciding.component
          + (deciding.detail ? " (" + deciding.detail + ")" : "") : ""),
        B.el("ol", { class: "hops" }, answer.hops.filter(hop => !hop.returnPath).map(hop =>
          B.el("li", { class: "hop-item" }, hop.type + " " + hop.id + (hop.detail ? ": " + hop.detail : "")))));
      B.network.drawPath(answer, workload);
    } catch (problem) {
      fill("path-result", B.el("p", { class: "bad" }, problem.message));
    }
  }

  const RENDER = { executive, oncall, debug, network };

  function page() {
    const name = location.hash.slice(1);
    return PAGES.includes(name) ? name : "executive";
  }

  async function render() {
    const name = page();
    PAGES.forEach(one => { $("page-" + one).hidden = one !== name; });
    document.querySelectorAll("nav a").forEach(link => link.classList.toggle("active", link.dataset.page === name));
    try {
      await RENDER[name]();
      $("problem").hidden = true;
      $("updated").textContent = "updated " + new Date().toLocaleTimeString();
      document.body.dataset.loaded = name;
    } catch (problem) {
      $("problem").textContent = problem.message;
      $("problem").hidden = false;
    }
  }

  function schedule() {
    clearInterval(timer);
    const seconds = Number($("refresh").value);
    timer = seconds ? setInterval(render, seconds * 1000) : null;
  }

  window.addEventListener("hashchange", render);
  $("window").addEventListener("change", render);
  $("refresh").addEventListener("change", schedule);
  $("reload").addEventListener("click", render);
  $("dns-form").addEventListener("submit", askDns);
  $("path-form").addEventListener("submit", explain);
  schedule();
  render();
})(window.Backlane);
