/*
 * Netwright's own WebAssembly kernels for training on tfjs' wasm backend:
 * the two gradients that cannot be made fast from tfjs' kernels (max
 * pooling's and the convolution filter's), Adam's update of one variable in
 * one call instead of fourteen tfjs kernels, a layer's bias added to every
 * row, which tfjs' broadcasting Add does at a third of its speed, and a
 * batch's rows gathered from the dataset, which tfjs' Gather does one
 * element at a time. They run in place on tfjs'
 * heap: this module imports tfjs' memory, and every pointer is an offset in
 * it. So the code must use no memory of its own: no stack (no arrays or
 * address-taken locals), no data, no libc. scripts/build-wasm-kernels.mjs
 * compiles it and checks that.
 *
 * Layouts are tfjs': images NHWC, filters [kh, kw, in, out], row-major.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

static inline int max_i(int a, int b) { return a > b ? a : b; }
static inline int min_i(int a, int b) { return a < b ? a : b; }

/* ceil(a / b) for b > 0, any sign of a. */
static inline int ceil_div(int a, int b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }

/* [lo, hi) of output positions o whose input position o*stride + tap - pad lies in [0, size). */
static inline int first_out(int tap, int pad, int stride) { return max_i(0, ceil_div(pad - tap, stride)); }
static inline int end_out(int tap, int pad, int stride, int size, int out) { return min_i(out, ceil_div(size + pad - tap, stride)); }

static void clear(float *p, int n) {
  for (int i = 0; i < n; i++) p[i] = 0.0f;
}

/*
 * dx of max pooling: each window's dy goes to the window's largest input,
 * the first one in row-major order on a tie, as in tfjs; positions in the
 * padding never win. Four channels at a time (fewer than 4 one at a time):
 * the running maximum and the winning tap are vectors, and each tap then
 * adds dy where it won. Windows
 * may overlap, so dx is cleared and added to.
 */
EXPORT(max_pool_grad)
void max_pool_grad(const float *x, const float *dy, float *dx, int batch, int in_h, int in_w, int channels, int out_h, int out_w,
                   int pool_h, int pool_w, int stride_h, int stride_w, int pad_top, int pad_left) {
  clear(dx, batch * in_h * in_w * channels);
  const v128_t zero = wasm_f32x4_splat(0.0f);
  for (int b = 0; b < batch; b++) {
    const float *xb = x + b * in_h * in_w * channels;
    float *dxb = dx + b * in_h * in_w * channels;
    for (int oh = 0; oh < out_h; oh++) {
      const int h0 = oh * stride_h - pad_top;
      const int kh0 = max_i(0, -h0), kh1 = min_i(pool_h, in_h - h0);
      for (int ow = 0; ow < out_w; ow++) {
        const int w0 = ow * stride_w - pad_left;
        const int kw0 = max_i(0, -w0), kw1 = min_i(pool_w, in_w - w0);
        if (kh0 >= kh1 || kw0 >= kw1) continue;
        const float *g = dy + ((b * out_h + oh) * out_w + ow) * channels;
        const int corner = (h0 * in_w + w0) * channels;
        /* Blocks of 4 channels; a last partial block is taken as the 4 that end the row, adding only in its lanes not done yet. */
        int c = 0;
        for (; c < channels && channels >= 4; c += 4) {
          v128_t fresh = wasm_i32x4_splat(-1);
          if (c + 4 > channels) {
            fresh = wasm_i32x4_ge(wasm_i32x4_make(0, 1, 2, 3), wasm_i32x4_splat(c + 4 - channels));
            c = channels - 4;
          }
          const int first = corner + (kh0 * in_w + kw0) * channels + c;
          v128_t best = wasm_v128_load(xb + first);
          v128_t won = wasm_i32x4_splat(kh0 * pool_w + kw0);
          for (int kh = kh0; kh < kh1; kh++) {
            for (int kw = kw0; kw < kw1; kw++) {
              const v128_t v = wasm_v128_load(xb + corner + (kh * in_w + kw) * channels + c);
              const v128_t more = wasm_f32x4_gt(v, best);
              best = wasm_v128_bitselect(v, best, more);
              won = wasm_v128_bitselect(wasm_i32x4_splat(kh * pool_w + kw), won, more);
            }
          }
          const v128_t grad = wasm_v128_and(wasm_v128_load(g + c), fresh);
          for (int kh = kh0; kh < kh1; kh++) {
            for (int kw = kw0; kw < kw1; kw++) {
              float *d = dxb + corner + (kh * in_w + kw) * channels + c;
              const v128_t mine = wasm_i32x4_eq(won, wasm_i32x4_splat(kh * pool_w + kw));
              wasm_v128_store(d, wasm_f32x4_add(wasm_v128_load(d), wasm_v128_bitselect(grad, zero, mine)));
            }
          }
        }
        for (; c < channels; c++) {
          int best_at = corner + (kh0 * in_w + kw0) * channels + c;
          float best = xb[best_at];
          for (int kh = kh0; kh < kh1; kh++) {
            for (int kw = kw0; kw < kw1; kw++) {
              const int at = corner + (kh * in_w + kw) * channels + c;
              if (xb[at] > best) {
                best = xb[at];
                best_at = at;
              }
            }
          }
          dxb[best_at] += g[c];
        }
      }
    }
  }
}

/*
 * dw of a 2-D convolution: dw[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, ih, iw, ci] · dy[b, oh, ow, co]
 * with ih = oh·stride + kh·dilation − pad. For each filter tap and input
 * channel, a run over every output position accumulates a block of output
 * channels in registers (16, then 4; fewer than 4 one at a time), so dw is
 * written once and dy is read in order.
 */
EXPORT(conv2d_filter_grad)
void conv2d_filter_grad(const float *x, const float *dy, float *dw, int batch, int in_h, int in_w, int in_c, int out_h, int out_w, int out_c,
                        int k_h, int k_w, int stride_h, int stride_w, int dil_h, int dil_w, int pad_top, int pad_left) {
  for (int kh = 0; kh < k_h; kh++) {
    const int tap_h = kh * dil_h;
    const int oh0 = first_out(tap_h, pad_top, stride_h), oh1 = end_out(tap_h, pad_top, stride_h, in_h, out_h);
    for (int kw = 0; kw < k_w; kw++) {
      const int tap_w = kw * dil_w;
      const int ow0 = first_out(tap_w, pad_left, stride_w), ow1 = end_out(tap_w, pad_left, stride_w, in_w, out_w);
      for (int ci = 0; ci < in_c; ci++) {
        float *out = dw + ((kh * k_w + kw) * in_c + ci) * out_c;
        int co = 0;
        for (; co + 16 <= out_c; co += 16) {
          v128_t a0 = wasm_f32x4_splat(0.0f), a1 = a0, a2 = a0, a3 = a0;
          for (int b = 0; b < batch; b++) {
            for (int oh = oh0; oh < oh1; oh++) {
              const float *xr = x + ((b * in_h + oh * stride_h + tap_h - pad_top) * in_w + tap_w - pad_left) * in_c + ci;
              const float *gr = dy + ((b * out_h + oh) * out_w) * out_c + co;
              for (int ow = ow0; ow < ow1; ow++) {
                const v128_t v = wasm_f32x4_splat(xr[ow * stride_w * in_c]);
                const float *g = gr + ow * out_c;
                a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(v, wasm_v128_load(g)));
                a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(v, wasm_v128_load(g + 4)));
                a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(v, wasm_v128_load(g + 8)));
                a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(v, wasm_v128_load(g + 12)));
              }
            }
          }
          wasm_v128_store(out + co, a0);
          wasm_v128_store(out + co + 4, a1);
          wasm_v128_store(out + co + 8, a2);
          wasm_v128_store(out + co + 12, a3);
        }
        /* Blocks of 4; a last partial block is taken as the 4 channels that end the row, recomputing a few: same sums, same values. */
        for (; co < out_c && out_c >= 4; co += 4) {
          if (co + 4 > out_c) co = out_c - 4;
          v128_t a = wasm_f32x4_splat(0.0f);
          for (int b = 0; b < batch; b++) {
            for (int oh = oh0; oh < oh1; oh++) {
              const float *xr = x + ((b * in_h + oh * stride_h + tap_h - pad_top) * in_w + tap_w - pad_left) * in_c + ci;
              const float *gr = dy + ((b * out_h + oh) * out_w) * out_c + co;
              for (int ow = ow0; ow < ow1; ow++) a = wasm_f32x4_add(a, wasm_f32x4_mul(wasm_f32x4_splat(xr[ow * stride_w * in_c]), wasm_v128_load(gr + ow * out_c)));
            }
          }
          wasm_v128_store(out + co, a);
        }
        for (; co < out_c; co++) {
          float a = 0.0f;
          for (int b = 0; b < batch; b++) {
            for (int oh = oh0; oh < oh1; oh++) {
              const float *xr = x + ((b * in_h + oh * stride_h + tap_h - pad_top) * in_w + tap_w - pad_left) * in_c + ci;
              const float *gr = dy + ((b * out_h + oh) * out_w) * out_c + co;
              for (int ow = ow0; ow < ow1; ow++) a += xr[ow * stride_w * in_c] * gr[ow * out_c];
            }
          }
          out[co] = a;
        }
      }
    }
  }
}

/*
 * One Adam step for one variable, written to fresh outputs (tfjs' tensors
 * are immutable): m' = β1·m + (1−β1)·g, v' = β2·v + (1−β2)·g²,
 * w' = (m'/c1) / (√(v'/c2) + ε) · (−rate) + w, with c1 = 1−β1^t and
 * c2 = 1−β2^t; the same arithmetic, in the same order, as the WebGPU update
 * (webgpu-adam.ts).
 */
EXPORT(adam_step)
void adam_step(const float *w, const float *m, const float *v, const float *g, float *w_out, float *m_out, float *v_out, int n,
               float keep1, float take1, float keep2, float take2, float neg_rate, float c1, float c2, float eps) {
  int i = 0;
  const v128_t k1 = wasm_f32x4_splat(keep1), t1 = wasm_f32x4_splat(take1), k2 = wasm_f32x4_splat(keep2), t2 = wasm_f32x4_splat(take2);
  const v128_t nr = wasm_f32x4_splat(neg_rate), d1 = wasm_f32x4_splat(c1), d2 = wasm_f32x4_splat(c2), e = wasm_f32x4_splat(eps);
  for (; i + 4 <= n; i += 4) {
    const v128_t gi = wasm_v128_load(g + i);
    const v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(k1, wasm_v128_load(m + i)), wasm_f32x4_mul(t1, gi));
    const v128_t vi = wasm_f32x4_add(wasm_f32x4_mul(k2, wasm_v128_load(v + i)), wasm_f32x4_mul(t2, wasm_f32x4_mul(gi, gi)));
    const v128_t stepped = wasm_f32x4_mul(wasm_f32x4_div(wasm_f32x4_div(mi, d1), wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_div(vi, d2)), e)), nr);
    wasm_v128_store(m_out + i, mi);
    wasm_v128_store(v_out + i, vi);
    wasm_v128_store(w_out + i, wasm_f32x4_add(stepped, wasm_v128_load(w + i)));
  }
  for (; i < n; i++) {
    const float mi = keep1 * m[i] + take1 * g[i];
    const float vi = keep2 * v[i] + take2 * (g[i] * g[i]);
    m_out[i] = mi;
    v_out[i] = vi;
    w_out[i] = (mi / c1) / (__builtin_sqrtf(vi / c2) + eps) * neg_rate + w[i];
  }
}

/* out[r, c] = x[r, c] + bias[c]: a dense or convolution layer's bias. */
EXPORT(bias_add)
void bias_add(const float *x, const float *bias, float *out, int rows, int channels) {
  for (int r = 0; r < rows; r++) {
    const float *xr = x + r * channels;
    float *o = out + r * channels;
    int c = 0;
    /* Blocks of 4; a last partial block is taken as the 4 that end the row (recomputing a few lanes to the same values). */
    for (; c < channels && channels >= 4; c += 4) {
      if (c + 4 > channels) c = channels - 4;
      wasm_v128_store(o + c, wasm_f32x4_add(wasm_v128_load(xr + c), wasm_v128_load(bias + c)));
    }
    for (; c < channels; c++) o[c] = xr[c] + bias[c];
  }
}

/*
 * out[i] = rows[index[i]] for rows of `row_len` 4-byte values (float32 or
 * int32): a batch picked from the training set by shuffled row numbers.
 * Returns how many indices fall outside [0, n_rows); their rows are zeros.
 */
EXPORT(gather_rows)
int gather_rows(const int *rows, const int *index, int *out, int n_index, int n_rows, int row_len) {
  int bad = 0;
  for (int i = 0; i < n_index; i++) {
    const int r = index[i];
    int *o = out + i * row_len;
    if (r < 0 || r >= n_rows) {
      bad++;
      for (int j = 0; j < row_len; j++) o[j] = 0;
      continue;
    }
    const int *src = rows + r * row_len;
    int j = 0;
    for (; j + 4 <= row_len; j += 4) wasm_v128_store(o + j, wasm_v128_load(src + j));
    for (; j < row_len; j++) o[j] = src[j];
  }
  return bad;
}

/* out[c] = Σ_r x[r, c]: the gradient of a bias, summed over every position of every sample. */
EXPORT(sum_rows)
void sum_rows(const float *x, float *out, int rows, int cols) {
  int c = 0;
  /* Blocks of 4 columns; a last partial block is taken as the 4 that end the row (the same sums again). */
  for (; c < cols && cols >= 4; c += 4) {
    if (c + 4 > cols) c = cols - 4;
    v128_t a = wasm_f32x4_splat(0.0f);
    for (int r = 0; r < rows; r++) a = wasm_f32x4_add(a, wasm_v128_load(x + r * cols + c));
    wasm_v128_store(out + c, a);
  }
  for (; c < cols; c++) {
    float a = 0.0f;
    for (int r = 0; r < rows; r++) a += x[r * cols + c];
    out[c] = a;
  }
}

/*
 * dx = dy where x > 0, 0 where x ≤ 0, NaN where x is NaN: ReLU's gradient
 * as tfjs defines it (dy · step(x)), which tfjs runs as three kernels and a copy.
 */
EXPORT(relu_grad)
void relu_grad(const float *dy, const float *x, float *dx, int n) {
  const v128_t zero = wasm_f32x4_splat(0.0f), nan = wasm_f32x4_splat(__builtin_nanf(""));
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    const v128_t xi = wasm_v128_load(x + i);
    const v128_t passed = wasm_v128_and(wasm_v128_load(dy + i), wasm_f32x4_gt(xi, zero));
    wasm_v128_store(dx + i, wasm_v128_or(passed, wasm_v128_and(nan, wasm_f32x4_ne(xi, xi))));
  }
  for (; i < n; i++) dx[i] = x[i] != x[i] ? x[i] : x[i] > 0.0f ? dy[i] : 0.0f;
}
