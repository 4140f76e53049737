//! Minimum-cost flow by successive shortest paths (Bellman-Ford with a queue, so negative arc costs
//! are fine as long as the network has no negative cycle, which holds for the layered networks of
//! preference seating). Exact: after every augmentation the flow is a cheapest flow of its value.

pub(crate) struct Flow {
    /// Per arc: head, residual capacity, cost. Arc `e ^ 1` is the reverse of arc `e`.
    head: Vec<usize>,
    cap: Vec<i64>,
    cost: Vec<i128>,
    out: Vec<Vec<usize>>,
}

impl Flow {
    pub(crate) fn new(nodes: usize) -> Flow {
        Flow {
            head: Vec::new(),
            cap: Vec::new(),
            cost: Vec::new(),
            out: vec![Vec::new(); nodes],
        }
    }

    /// Adds an arc and returns its id (for `flow_on`).
    pub(crate) fn arc(&mut self, from: usize, to: usize, cap: i64, cost: i128) -> usize {
        let e = self.head.len();
        self.head.extend([to, from]);
        self.cap.extend([cap, 0]);
        self.cost.extend([cost, -cost]);
        self.out[from].push(e);
        self.out[to].push(e + 1);
        e
    }

    /// The flow on arc `e` (the residual capacity of its reverse).
    pub(crate) fn flow_on(&self, e: usize) -> i64 {
        self.cap[e ^ 1]
    }

    /// Sends as much flow as possible from `s` to `t` at the least cost; returns (flow, cost).
    pub(crate) fn run(&mut self, s: usize, t: usize) -> (i64, i128) {
        let n = self.out.len();
        let (mut total, mut total_cost) = (0i64, 0i128);
        loop {
            let mut dist = vec![None::<i128>; n];
            let mut via = vec![usize::MAX; n];
            let mut queued = vec![false; n];
            let mut queue = std::collections::VecDeque::new();
            dist[s] = Some(0);
            queue.push_back(s);
            queued[s] = true;
            while let Some(u) = queue.pop_front() {
                queued[u] = false;
                let du = dist[u].expect("queued nodes have a distance");
                for &e in &self.out[u] {
                    if self.cap[e] <= 0 {
                        continue;
                    }
                    let v = self.head[e];
                    let dv = du + self.cost[e];
                    if dist[v].is_none_or(|d| dv < d) {
                        dist[v] = Some(dv);
                        via[v] = e;
                        if !queued[v] {
                            queued[v] = true;
                            queue.push_back(v);
                        }
                    }
                }
            }
            let Some(d) = dist[t] else { break };
            let mut push = i64::MAX;
            let mut v = t;
            while v != s {
                let e = via[v];
                push = push.min(self.cap[e]);
                v = self.head[e ^ 1];
            }
            let mut v = t;
            while v != s {
                let e = via[v];
                self.cap[e] -= push;
                self.cap[e ^ 1] += push;
                v = self.head[e ^ 1];
            }
            total += push;
            total_cost += d * push as i128;
        }
        (total, total_cost)
    }
}
