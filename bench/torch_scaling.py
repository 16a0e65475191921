"""PyTorch side of `npm run bench -- --scaling --peer`: the same grid as bench/scaling.ts, built like
../shared/bench/torch_bench.py (float64, 1 thread, forward + backward + SGD, 5 warm-up + median of 10).
Usage: /usr/bin/python3 bench/torch_scaling.py  -> one JSON line per case."""
import json, time, torch
torch.set_num_threads(1)
torch.manual_seed(0)
DT = torch.float64

def timeit(step, reps=10, warm=5):
    for _ in range(warm): step()
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); step(); ts.append(time.perf_counter() - t)
    ts.sort(); return ts[len(ts)//2] * 1e3

def mlp(depth, width, batch=32):
    ws = [torch.randn(width, width, dtype=DT, requires_grad=True) for _ in range(depth)]
    bs = [torch.zeros(width, dtype=DT, requires_grad=True) for _ in range(depth)]
    x = torch.randn(batch, width, dtype=DT); y = torch.randn(batch, width, dtype=DT)
    def step():
        h = x
        for w, b in zip(ws, bs): h = torch.sigmoid(h @ w + b)
        loss = ((h - y) ** 2).mean(); loss.backward()
        with torch.no_grad():
            for p in ws + bs: p -= 0.01 * p.grad; p.grad = None
    return step

def rnn(T, hidden=64, batch=32, inp=8):
    wx = torch.randn(inp, hidden, dtype=DT, requires_grad=True)
    wh = (torch.randn(hidden, hidden, dtype=DT) * 0.1).requires_grad_()
    b = torch.zeros(hidden, dtype=DT, requires_grad=True)
    xs = torch.randn(T, batch, inp, dtype=DT); y = torch.randn(batch, hidden, dtype=DT)
    def step():
        h = torch.zeros(batch, hidden, dtype=DT)
        for t in range(T): h = torch.tanh(xs[t] @ wx + h @ wh + b)
        loss = ((h - y) ** 2).mean(); loss.backward()
        with torch.no_grad():
            for p in (wx, wh, b): p -= 0.01 * p.grad; p.grad = None
    return step

def lstm(T, hidden=64, batch=32, inp=8):
    cell = torch.nn.LSTMCell(inp, hidden).double()
    xs = torch.randn(T, batch, inp, dtype=DT); y = torch.randn(batch, hidden, dtype=DT)
    opt = torch.optim.SGD(cell.parameters(), lr=0.01)
    def step():
        h = torch.zeros(batch, hidden, dtype=DT); c = torch.zeros(batch, hidden, dtype=DT)
        for t in range(T): h, c = cell(xs[t], (h, c))
        loss = ((h - y) ** 2).mean(); opt.zero_grad(); loss.backward(); opt.step()
    return step

cases = [("mlp_L20_D%d_B32" % w, lambda w=w: mlp(20, w)) for w in (64, 128, 256, 512)]
cases += [("mlp_L%d_D64_B32" % d, lambda d=d: mlp(d, 64)) for d in (10, 20, 50, 100)]
cases += [("rnn_T%d_H64_B32" % T, lambda T=T: rnn(T)) for T in (10, 50, 100, 200)]
cases += [("lstm_T%d_H64_B32" % T, lambda T=T: lstm(T)) for T in (10, 50, 100, 200)]
for name, mk in cases:
    print(json.dumps({"peer": "pytorch-" + torch.__version__, "workload": name, "step_ms_median": round(timeit(mk()), 3)}), flush=True)
