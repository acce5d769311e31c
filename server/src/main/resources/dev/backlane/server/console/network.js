// The Network page's drawing: accounts -> VPCs -> subnets (by zone) -> endpoints and workloads, the services the
// endpoints reach on the right (dashed when the service is another account's endpoint service), endpoints coloured
// by M1; and a path from /_backlane/explain drawn over it hop by hop.
"use strict";
(function (B) {
  const SUBNET_WIDTH = 190, ITEM = 22, PAD = 10, SERVICE_X = 40, SERVICE_WIDTH = 260;
  const network = B.network = { world: null, places: {}, svg: null };

  network.draw = function (container, world, health) {
    network.world = world;
    const places = network.places = {};
    const shapes = [], links = [];
    let y = PAD, widest = 0;
    const services = [];
    world.accounts.forEach(account => {
      const top = y;
      y += 22;
      const accountShapes = [];
      account.vpcs.forEach(vpc => {
        const vpcTop = y;
        const gateways = vpc.endpoints.filter(endpoint => !(endpoint.subnetIds || []).length);
        const columns = Math.max(vpc.subnets.length, 1);
        const rows = Math.max(1, ...vpc.subnets.map(subnet => vpc.workloads.filter(w => w.subnetId === subnet.subnetId).length
          + vpc.endpoints.filter(e => (e.subnetIds || []).includes(subnet.subnetId)).length));
        const subnetHeight = 30 + rows * ITEM;
        const vpcWidth = columns * (SUBNET_WIDTH + PAD) + PAD;
        const vpcHeight = 24 + subnetHeight + PAD + (gateways.length ? ITEM + 4 : 0);
        accountShapes.push(B.svg("rect", { x: 2 * PAD, y: vpcTop, width: vpcWidth, height: vpcHeight, rx: 6, class: "vpc",
          "data-id": vpc.vpcId }));
        accountShapes.push(B.svg("text", { x: 3 * PAD, y: vpcTop + 15 }, vpc.vpcId + " " + vpc.cidrBlock + (vpc.name ? " " + vpc.name : "")
          + " · " + vpc.region));
        places[vpc.vpcId] = { x: 2 * PAD + vpcWidth / 2, y: vpcTop + 12 };
        vpc.subnets.forEach((subnet, column) => {
          const x = 3 * PAD + column * (SUBNET_WIDTH + PAD), sy = vpcTop + 24;
          accountShapes.push(B.svg("rect", { x, y: sy, width: SUBNET_WIDTH, height: subnetHeight, rx: 4, class: "subnet",
            "data-id": subnet.subnetId }));
          accountShapes.push(B.svg("text", { x: x + 6, y: sy + 14 }, (subnet.name || subnet.subnetId)));
          accountShapes.push(B.svg("text", { x: x + 6, y: sy + 26, class: "muted" }, subnet.availabilityZone + " " + subnet.cidrBlock));
          places[subnet.subnetId] = { x: x + SUBNET_WIDTH / 2, y: sy + 8 };
          let row = 0;
          vpc.workloads.filter(workload => workload.subnetId === subnet.subnetId).forEach(workload => {
            const cy = sy + 30 + row++ * ITEM + 8;
            accountShapes.push(B.svg("rect", { x: x + 8, y: cy - 6, width: 12, height: 12, class: "workload", "data-id": workload.workloadId }));
            accountShapes.push(B.svg("text", { x: x + 26, y: cy + 4 }, workload.workloadId));
            places[workload.workloadId] = places[workload.networkInterfaceId] = { x: x + 14, y: cy };
          });
          vpc.endpoints.filter(endpoint => (endpoint.subnetIds || []).includes(subnet.subnetId)).forEach(endpoint => {
            const cy = sy + 30 + row++ * ITEM + 8;
            accountShapes.push(endpointMark(endpoint, x + 14, cy, health));
            accountShapes.push(B.svg("text", { x: x + 26, y: cy + 4 }, endpoint.vpcEndpointId));
            places[endpoint.vpcEndpointId] = places[endpoint.vpcEndpointId] || { x: x + 14, y: cy };
            links.push({ endpoint, from: { x: x + 14, y: cy } });
          });
        });
        gateways.forEach((endpoint, index) => {
          const cx = 3 * PAD + 14 + index * (SUBNET_WIDTH + PAD), cy = vpcTop + 24 + subnetHeight + PAD + 6;
          accountShapes.push(endpointMark(endpoint, cx, cy, health));
          accountShapes.push(B.svg("text", { x: cx + 12, y: cy + 4 }, endpoint.vpcEndpointId + " (gateway)"));
          places[endpoint.vpcEndpointId] = { x: cx, y: cy };
          links.push({ endpoint, from: { x: cx, y: cy } });
        });
        vpc.endpoints.forEach(endpoint => {
          if (!services.some(service => service.name === endpoint.serviceName)) {
            services.push({ name: endpoint.serviceName, owner: endpoint.serviceOwner });
          }
        });
        widest = Math.max(widest, vpcWidth + 4 * PAD);
        y = vpcTop + vpcHeight + PAD;
      });
      account.endpointServices.forEach(service => {
        if (!services.some(one => one.name === service.serviceName)) services.push({ name: service.serviceName, owner: account.accountId });
      });
      shapes.push({ top, height: Math.max(y - top, 30), account, accountShapes });
      y += PAD;
    });
    const serviceX = widest + SERVICE_X;
    const svg = B.svg("svg", { width: serviceX + SERVICE_WIDTH + PAD, height: Math.max(y, services.length * 34 + 80) + 40,
      id: "network-svg" });
    shapes.forEach(({ top, height, account, accountShapes }) => {
      svg.append(B.svg("rect", { x: PAD, y: top, width: widest - PAD, height, rx: 8, class: "account", "data-id": account.accountId }));
      svg.append(B.svg("text", { x: 2 * PAD, y: top + 15, "font-weight": 600 }, "account " + account.accountId));
      accountShapes.forEach(shape => svg.append(shape));
    });
    services.forEach((service, index) => {
      const sy = PAD + index * 34;
      svg.append(B.svg("rect", { x: serviceX, y: sy, width: SERVICE_WIDTH, height: 26, rx: 4, class: "service", "data-id": service.name }));
      svg.append(B.svg("text", { x: serviceX + 8, y: sy + 17 }, service.name + (service.owner === "amazon" ? "" : " · " + service.owner)));
      places["service:" + service.name] = { x: serviceX, y: sy + 13 };
    });
    const internetY = PAD + services.length * 34 + 20;
    svg.append(B.svg("rect", { x: serviceX, y: internetY, width: SERVICE_WIDTH, height: 26, rx: 4, class: "service", "data-id": "internet" }));
    svg.append(B.svg("text", { x: serviceX + 8, y: internetY + 17 }, "public service addresses (internet)"));
    places.internet = { x: serviceX, y: internetY + 13 };
    links.forEach(({ endpoint, from }) => {
      const to = places["service:" + endpoint.serviceName];
      svg.prepend(B.svg("path", { d: curve(from, to), class: "link" + (endpoint.crossAccount ? " cross" : "") }));
    });
    network.svg = svg;
    container.replaceChildren(svg);
  };

  function endpointMark(endpoint, x, y, health) {
    const indicator = health[endpoint.vpcEndpointId] || { met: null };
    const mark = B.svg("circle", { cx: x, cy: y, r: 7, class: "endpoint health-" + B.state(indicator), "data-id": endpoint.vpcEndpointId });
    mark.append(B.svg("title", {}, endpoint.vpcEndpointId + " " + endpoint.serviceName + " " + endpoint.state + " · M1 "
      + B.percent(indicator.value)));
    return mark;
  }

  function curve(from, to) {
    const middle = (from.x + to.x) / 2;
    return "M" + from.x + "," + from.y + " C" + middle + "," + from.y + " " + middle + "," + to.y + " " + to.x + "," + to.y;
  }

  /** The path explain gave, from the workload, over each hop drawn where its resource is (or next to the hop before). */
  network.drawPath = function (answer, workload) {
    const svg = network.svg;
    if (!svg) return;
    svg.querySelectorAll(".path, .hop").forEach(node => node.remove());
    const start = network.places[workload.workloadId];
    let last = start;
    const points = [start];
    const hops = answer.hops.filter(hop => !hop.returnPath);
    hops.forEach((hop, index) => {
      let place = network.places[hop.id];
      if (!place) {
        place = { x: last.x + 16, y: last.y + 16 };
      } else {
        points.push(place);
      }
      last = place;
      const mark = B.svg("g", { class: "hop", "data-hop": hop.id, "data-index": index + 1 });
      mark.append(B.svg("circle", { cx: place.x, cy: place.y, r: 9 }));
      mark.append(B.svg("text", { x: place.x, y: place.y + 4, "text-anchor": "middle" }, index + 1));
      mark.append(B.svg("title", {}, (index + 1) + ". " + hop.type + " " + hop.id + (hop.detail ? ": " + hop.detail : "")));
      svg.append(mark);
    });
    if (answer.verdict === "PRIVATE" && answer.via) {
      const endpoint = network.world.accounts.flatMap(account => account.vpcs.flatMap(vpc => vpc.endpoints))
        .find(one => one.vpcEndpointId === answer.via);
      if (endpoint) points.push(network.places[answer.via], network.places["service:" + endpoint.serviceName]);
    } else if (answer.verdict === "PUBLIC") {
      points.push(network.places.internet);
    }
    const d = points.filter(Boolean).map((point, index) => (index ? "L" : "M") + point.x + "," + point.y).join(" ");
    svg.insertBefore(B.svg("path", { d, class: "path" }), svg.querySelector(".hop"));
  };
})(window.Backlane);
