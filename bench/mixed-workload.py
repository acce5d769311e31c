#!/usr/bin/env python3
"""Mixed EC2 workload against Backlane and moto side by side, then Describe latency at 10,000 resources.

Phase 1 starts Backlane and moto_server on 127.0.0.1 and runs the same mixed workload against each
(create VPCs, subnets, security groups and ingress rules; Describe* with filters) from N concurrent
clients, one boto3 client per thread, retries disabled. Phase 2 loads Backlane alone with 10,000
resources and measures filtered Describe latency. Everything stays on the loopback interface and every
loop is bounded; both servers are stopped at the end. See bench/README.md.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DESCRIBE_P99_GOAL_MS = 5.0

# One cycle of the mixed workload: the share of each operation in phase 1.
CYCLE = [
    "create_vpc", "create_subnet", "create_subnet", "create_security_group", "authorize_ingress",
    "authorize_ingress", "describe_vpcs_by_tag", "describe_subnets_by_vpc", "describe_groups_by_name",
    "describe_vpcs_by_tag", "describe_subnets_by_vpc", "describe_groups_by_name", "create_subnet",
    "authorize_ingress", "describe_vpcs_by_id", "describe_subnets_by_vpc", "create_security_group",
    "describe_groups_by_name", "describe_vpcs_by_tag", "authorize_ingress",
]

BACKLANE_QUOTAS = {
    "vpcs-per-region": 100000,
    "subnets-per-vpc": 1000,
    "security-groups-per-region": 200000,
    "rules-per-security-group": 1000,
    "route-tables-per-vpc": 1000,
    "network-acls-per-vpc": 1000,
    "network-interfaces-per-region": 100000,
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(endpoint):
    session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
    return session.client("ec2", endpoint_url=endpoint, config=Config(
        retries={"total_max_attempts": 1}, max_pool_connections=2, connect_timeout=5, read_timeout=60))


def wait_until_ready(name, endpoint, process, limit_s=120):
    deadline = time.monotonic() + limit_s
    ec2 = client(endpoint)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with code {process.returncode} before it was ready")
        try:
            ec2.describe_vpcs()
            return
        except Exception:  # not listening yet
            time.sleep(0.2)
    raise SystemExit(f"{name} was not ready after {limit_s}s")


def start_backlane(port, log):
    if os.path.exists(os.path.join(ROOT, "backlane")):
        command = [os.path.join(ROOT, "backlane")]
    else:
        command = ["java", "-jar", os.path.join(ROOT, "cli", "target", "backlane.jar")]
    command += ["start", "--in-memory", "--port", str(port)]
    for name, value in BACKLANE_QUOTAS.items():
        command += ["--quota", f"{name}={value}"]
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)


def start_moto(port, log):
    moto = shutil.which("moto_server")
    if moto is None:
        return None
    return subprocess.Popen([moto, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=subprocess.STDOUT)


def start_moto_nodelay(port, log):
    """moto with TCP_NODELAY on its sockets: werkzeug, like the JDK server, otherwise waits out the
    client's delayed ACK on every response, so this shows moto's own speed rather than that 40 ms wait."""
    try:
        import moto  # noqa: F401  (only to know it is importable here)
    except ImportError:
        return None
    code = ("import socketserver, sys; socketserver.StreamRequestHandler.disable_nagle_algorithm = True; "
            "from moto.server import main; sys.exit(main(sys.argv[1:]))")
    return subprocess.Popen([sys.executable, "-c", code, "-H", "127.0.0.1", "-p", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, int(round(fraction * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


class Worker:
    """One client's state: its own VPCs, subnets and groups, so clients never contend on names."""

    def __init__(self, ec2, run, index):
        self.ec2 = ec2
        self.prefix = f"{run}-c{index}"
        self.vpcs = []          # vpc ids
        self.vpc_names = {}     # vpc id -> Name tag
        self.subnet_count = {}  # vpc id -> subnets made
        self.groups = []        # (group id, group name, vpc id)
        self.rule_count = {}    # group id -> rules made
        self.made = 0

    def next_name(self, kind):
        self.made += 1
        return f"{self.prefix}-{kind}-{self.made}"

    def create_vpc(self):
        name = self.next_name("vpc")
        vpc = self.ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=[
            {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": name}, {"Key": "bench", "Value": self.prefix}]}])["Vpc"]
        self.vpcs.append(vpc["VpcId"])
        self.vpc_names[vpc["VpcId"]] = name
        self.subnet_count[vpc["VpcId"]] = 0

    def ensure_vpc(self):
        if not self.vpcs or self.subnet_count[self.vpcs[-1]] >= 250:
            self.create_vpc()
        return self.vpcs[-1]

    def create_subnet(self):
        vpc_id = self.ensure_vpc()
        n = self.subnet_count[vpc_id]
        self.subnet_count[vpc_id] = n + 1
        self.ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.0.{n}.0/24", AvailabilityZone="us-east-1" + "abcdef"[n % 6])

    def create_security_group(self):
        vpc_id = self.ensure_vpc()
        name = self.next_name("sg")
        group_id = self.ec2.create_security_group(GroupName=name, Description="bench", VpcId=vpc_id)["GroupId"]
        self.groups.append((group_id, name, vpc_id))
        self.rule_count[group_id] = 0

    def authorize_ingress(self):
        if not self.groups or self.rule_count[self.groups[-1][0]] >= 50:
            self.create_security_group()
        group_id = self.groups[-1][0]
        n = self.rule_count[group_id]
        self.rule_count[group_id] = n + 1
        self.ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 1000 + n, "ToPort": 1000 + n, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])

    def describe_vpcs_by_tag(self):
        vpc_id = self.ensure_vpc()
        self.ec2.describe_vpcs(Filters=[{"Name": "tag:bench", "Values": [self.prefix[:-1] + "*"]},
                                        {"Name": "tag:Name", "Values": [self.vpc_names[vpc_id]]}])

    def describe_vpcs_by_id(self):
        vpc_id = self.ensure_vpc()
        self.ec2.describe_vpcs(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])

    def describe_subnets_by_vpc(self):
        vpc_id = self.ensure_vpc()
        self.ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])

    def describe_groups_by_name(self):
        if not self.groups:
            self.create_security_group()
        group_id, name, vpc_id = self.groups[-1]
        self.ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [name]}, {"Name": "vpc-id", "Values": [vpc_id]}])


def run_workload(endpoint, run, clients, operations, plan, warmup_per_client=0):
    """Runs `operations` calls split over `clients` threads; `plan(worker_index, i)` names the i-th call.

    Returns (elapsed seconds, latencies in ms by operation, errors)."""
    workers = [Worker(client(endpoint), run, index) for index in range(clients)]
    for worker in workers:
        for i in range(warmup_per_client):
            getattr(worker, "describe_vpcs_by_tag")()
    per_client = [operations // clients + (1 if index < operations % clients else 0) for index in range(clients)]
    latencies = {}
    errors = []
    lock = threading.Lock()
    start_line = threading.Barrier(clients + 1)

    def body(index):
        worker = workers[index]
        mine = {}
        failures = []
        start_line.wait()
        for i in range(per_client[index]):
            name = plan(index, i)
            started = time.perf_counter()
            try:
                getattr(worker, name)()
            except Exception as error:  # counted, reported, not retried
                failures.append(f"{name}: {error}")
                continue
            mine.setdefault(name, []).append((time.perf_counter() - started) * 1000.0)
        with lock:
            for name, values in mine.items():
                latencies.setdefault(name, []).extend(values)
            errors.extend(failures)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(body, index) for index in range(clients)]
        start_line.wait()
        started = time.perf_counter()
        for future in futures:
            future.result()
        elapsed = time.perf_counter() - started
    return elapsed, latencies, errors


def summarize(latencies):
    every = sorted(value for values in latencies.values() for value in values)
    return len(every), percentile(every, 0.50), percentile(every, 0.99)


def print_table(title, header, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    line = "+".join("-" * (w + 2) for w in widths)
    print(f"\n{title}")
    print(line)
    print(" | ".join(str(cell).ljust(w) for cell, w in zip(header, widths)))
    print(line)
    for row in rows:
        print(" | ".join(str(cell).rjust(w) if i else str(cell).ljust(w) for i, (cell, w) in enumerate(zip(row, widths))))
    print(line)


def phase_one(targets, clients, operations):
    results = {}
    plan = lambda index, i: CYCLE[(i + index * 3) % len(CYCLE)]
    for name, endpoint in targets:
        print(f"phase 1: {operations} mixed operations against {name} with {clients} clients ...", flush=True)
        elapsed, latencies, errors = run_workload(endpoint, f"p1{name[:2]}", clients, operations, plan, warmup_per_client=5)
        count, p50, p99 = summarize(latencies)
        results[name] = (count, elapsed, count / elapsed, p50, p99, errors, latencies)
        if errors:
            print(f"  {name}: {len(errors)} failed calls, e.g. {errors[0]}", flush=True)
    rows = []
    for name, (count, elapsed, rate, p50, p99, errors, _) in results.items():
        rows.append([name, count, len(errors), f"{elapsed:.1f}", f"{rate:.0f}", f"{p50:.2f}", f"{p99:.2f}"])
    print_table(f"Phase 1: mixed workload, {clients} clients, {operations} operations per target",
                ["target", "ok calls", "errors", "seconds", "requests/s", "p50 ms", "p99 ms"], rows)
    per_op_rows = []
    for op in sorted(set(CYCLE)):
        row = [op]
        for name in results:
            values = sorted(results[name][6].get(op, []))
            row += [len(values), f"{percentile(values, 0.5):.2f}", f"{percentile(values, 0.99):.2f}"]
        per_op_rows.append(row)
    header = ["operation"]
    for name in results:
        header += [f"{name} n", f"{name} p50", f"{name} p99"]
    print_table("Phase 1 by operation (ms)", header, per_op_rows)
    for other in ("moto", "moto+nodelay"):
        if "backlane" in results and other in results and results[other][2] > 0:
            print(f"throughput ratio backlane/{other}: {results['backlane'][2] / results[other][2]:.2f}x")
    return results


def phase_two(endpoint, clients, resources, describes):
    # A quarter VPCs, 40% subnets, a fifth groups, the rest ingress rules: 10,000 resources by default.
    vpcs = resources // 10
    subnets = resources * 4 // 10
    groups = resources * 2 // 10
    rules = resources - vpcs - subnets - groups
    print(f"\nphase 2: loading {vpcs} VPCs, {subnets} subnets, {groups} security groups, {rules} ingress rules "
          f"({resources} resources) into backlane ...", flush=True)
    run = "p2"
    workers = [Worker(client(endpoint), run, index) for index in range(clients)]
    load_plan = (["create_vpc"] * vpcs) + (["create_subnet"] * subnets) + (["create_security_group"] * groups) + (["authorize_ingress"] * rules)
    shares = [load_plan[index::clients] for index in range(clients)]

    def load(index):
        worker = workers[index]
        failures = 0
        # VPCs first, then spread subnets, groups and rules across this worker's VPCs.
        for name in shares[index]:
            try:
                if name == "create_subnet":
                    vpc_id = worker.vpcs[worker.made % len(worker.vpcs)]
                    n = worker.subnet_count[vpc_id]
                    worker.subnet_count[vpc_id] = n + 1
                    worker.made += 1
                    worker.ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.0.{n}.0/24")
                elif name == "create_security_group":
                    vpc_id = worker.vpcs[worker.made % len(worker.vpcs)]
                    group_name = worker.next_name("sg")
                    group_id = worker.ec2.create_security_group(GroupName=group_name, Description="bench", VpcId=vpc_id)["GroupId"]
                    worker.groups.append((group_id, group_name, vpc_id))
                    worker.rule_count[group_id] = 0
                elif name == "authorize_ingress":
                    group_id = worker.groups[worker.made % len(worker.groups)][0]
                    worker.made += 1
                    n = worker.rule_count[group_id]
                    worker.rule_count[group_id] = n + 1
                    worker.ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
                        {"IpProtocol": "tcp", "FromPort": 1000 + n, "ToPort": 1000 + n, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
                else:
                    worker.create_vpc()
            except Exception as error:
                failures += 1
                if failures == 1:
                    print(f"  load error: {name}: {error}", flush=True)
        return failures

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        failures = sum(pool.map(load, range(clients)))
    print(f"  loaded in {time.perf_counter() - started:.1f}s, {failures} failed calls", flush=True)

    describe_ops = ["describe_vpcs_by_tag", "describe_vpcs_by_id", "describe_subnets_by_vpc", "describe_groups_by_name"]
    latencies = {}
    errors = []
    lock = threading.Lock()
    per_client = describes // clients
    start_line = threading.Barrier(clients + 1)

    def measure(index):
        worker = workers[index]
        mine = {}
        failures = []
        for i in range(20):  # warm the connection and the code paths
            getattr(worker, describe_ops[i % len(describe_ops)])()
        start_line.wait()
        for i in range(per_client):
            name = describe_ops[(i + index) % len(describe_ops)]
            # Vary the target so every describe looks up a different resource.
            if worker.vpcs:
                worker.vpcs.append(worker.vpcs.pop(0))
            if worker.groups:
                worker.groups.append(worker.groups.pop(0))
            began = time.perf_counter()
            try:
                getattr(worker, name)()
            except Exception as error:
                failures.append(f"{name}: {error}")
                continue
            mine.setdefault(name, []).append((time.perf_counter() - began) * 1000.0)
        with lock:
            for name, values in mine.items():
                latencies.setdefault(name, []).extend(values)
            errors.extend(failures)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(measure, index) for index in range(clients)]
        start_line.wait()
        began = time.perf_counter()
        for future in futures:
            future.result()
        elapsed = time.perf_counter() - began
    count, p50, p99 = summarize(latencies)
    rows = []
    for name in describe_ops:
        values = sorted(latencies.get(name, []))
        rows.append([name, len(values), f"{percentile(values, 0.5):.2f}", f"{percentile(values, 0.99):.2f}"])
    rows.append(["all describes", count, f"{p50:.2f}", f"{p99:.2f}"])
    print_table(f"Phase 2: filtered Describe at {resources} resources, {clients} clients ({count / elapsed:.0f} requests/s, "
                f"{len(errors)} errors)", ["operation", "calls", "p50 ms", "p99 ms"], rows)
    verdict = "meets" if p99 < DESCRIBE_P99_GOAL_MS else "misses"
    print(f"boto3: Describe p99 {p99:.2f} ms {verdict} the {DESCRIBE_P99_GOAL_MS:.0f} ms goal "
          f"(measured at the client: boto3 signing and parsing included)")
    if errors:
        print(f"  e.g. {errors[0]}")
    raw_describes(endpoint, clients, workers, describes)


def raw_describes(endpoint, clients, workers, describes):
    """The same filtered Describes as bare Query requests on keep-alive connections: far less Python
    per call than boto3, so the figures come closer to the server's own latency. Backlane reads the
    account and region from the SigV4 credential scope and does not check signatures."""
    import http.client
    from urllib.parse import urlencode, urlparse
    target = urlparse(endpoint)
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
               "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, "
                                "SignedHeaders=host, Signature=0"}

    def bodies(worker):
        out = []
        for i, vpc_id in enumerate(worker.vpcs):
            group_id, group_name, group_vpc = worker.groups[i % len(worker.groups)]
            out.append(("describe_vpcs_by_tag", {"Action": "DescribeVpcs", "Version": "2016-11-15", "Filter.1.Name": "tag:Name",
                                                 "Filter.1.Value.1": worker.vpc_names[vpc_id]}))
            out.append(("describe_subnets_by_vpc", {"Action": "DescribeSubnets", "Version": "2016-11-15", "Filter.1.Name": "vpc-id",
                                                    "Filter.1.Value.1": vpc_id}))
            out.append(("describe_groups_by_name", {"Action": "DescribeSecurityGroups", "Version": "2016-11-15",
                                                    "Filter.1.Name": "group-name", "Filter.1.Value.1": group_name,
                                                    "Filter.2.Name": "vpc-id", "Filter.2.Value.1": group_vpc}))
        return [(name, urlencode(params).encode()) for name, params in out]

    latencies = {}
    lock = threading.Lock()
    per_client = describes // clients
    start_line = threading.Barrier(clients + 1)
    failures = []

    def measure(index):
        requests = bodies(workers[index])
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        mine = {}
        for i in range(per_client + 20):
            if i == 20:
                start_line.wait()
            name, body = requests[i % len(requests)]
            began = time.perf_counter()
            connection.request("POST", "/", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            took = (time.perf_counter() - began) * 1000.0
            if response.status != 200:
                failures.append(f"{name}: HTTP {response.status}")
            elif i >= 20:
                mine.setdefault(name, []).append(took)
        connection.close()
        with lock:
            for name, values in mine.items():
                latencies.setdefault(name, []).extend(values)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(measure, index) for index in range(clients)]
        start_line.wait()
        began = time.perf_counter()
        for future in futures:
            future.result()
        elapsed = time.perf_counter() - began
    count, p50, p99 = summarize(latencies)
    rows = [[name, len(values), f"{percentile(sorted(values), 0.5):.2f}", f"{percentile(sorted(values), 0.99):.2f}"]
            for name, values in sorted(latencies.items())]
    rows.append(["all describes", count, f"{p50:.2f}", f"{p99:.2f}"])
    print_table(f"Phase 2, bare HTTP: the same Describes without boto3, {clients} clients ({count / elapsed:.0f} requests/s, "
                f"{len(failures)} errors)", ["operation", "calls", "p50 ms", "p99 ms"], rows)
    verdict = "meets" if p99 < DESCRIBE_P99_GOAL_MS else "misses"
    print(f"bare HTTP: Describe p99 {p99:.2f} ms {verdict} the {DESCRIBE_P99_GOAL_MS:.0f} ms goal")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (threads), default 8")
    parser.add_argument("--ops", type=int, default=4000, help="phase-1 operations per target, the same for both (default 4000)")
    parser.add_argument("--resources", type=int, default=10000, help="resources loaded in phase 2 (default 10000)")
    parser.add_argument("--describes", type=int, default=8000, help="phase-2 Describe calls (default 8000)")
    parser.add_argument("--skip-moto", action="store_true", help="phase 1 against Backlane only")
    parser.add_argument("--skip-phase-two", action="store_true")
    args = parser.parse_args()

    logs = os.path.join(ROOT, "bench", "logs")
    os.makedirs(logs, exist_ok=True)
    processes = []
    try:
        backlane_port = free_port()
        backlane_log = open(os.path.join(logs, "backlane.log"), "w")
        backlane = start_backlane(backlane_port, backlane_log)
        processes.append(backlane)
        targets = [("backlane", f"http://127.0.0.1:{backlane_port}", backlane)]
        if not args.skip_moto:
            moto_port = free_port()
            moto = start_moto(moto_port, open(os.path.join(logs, "moto.log"), "w"))
            if moto is None:
                print("moto_server is not on the PATH: phase 1 runs against Backlane only")
            else:
                processes.append(moto)
                targets.append(("moto", f"http://127.0.0.1:{moto_port}", moto))
                fast_port = free_port()
                fast = start_moto_nodelay(fast_port, open(os.path.join(logs, "moto-nodelay.log"), "w"))
                if fast is not None:
                    processes.append(fast)
                    targets.append(("moto+nodelay", f"http://127.0.0.1:{fast_port}", fast))
        for name, endpoint, process in targets:
            wait_until_ready(name, endpoint, process)
        print(f"ready: {', '.join(f'{name} at {endpoint}' for name, endpoint, _ in targets)}", flush=True)

        phase_one([(name, endpoint) for name, endpoint, _ in targets], args.clients, args.ops)
        for name, endpoint, process in targets[1:]:
            process.terminate()
            process.wait(timeout=30)
            processes.remove(process)
        if not args.skip_phase_two:
            phase_two(targets[0][1], args.clients, args.resources, args.describes)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
