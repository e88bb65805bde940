package dev.newsflow.enrich.engine.sentiment;

/**
 * Limited-memory BFGS (Nocedal and Wright, "Numerical Optimization", algorithm 7.4) with a
 * backtracking line search on the Armijo condition: minimises a smooth convex function given its
 * value and gradient. Used offline by {@link TargetModelTrainer}; deterministic.
 */
final class Lbfgs {
    /** A differentiable objective: returns f(x) and writes its gradient into {@code grad}. */
    interface Objective {
        double evaluate(double[] x, double[] grad);
    }

    private Lbfgs() {
    }

    /**
     * Minimises {@code f} from {@code x} (updated in place) for at most {@code iterations} steps,
     * or until the relative decrease of f over one step falls under {@code tolerance}.
     */
    static double minimize(Objective f, double[] x, int memory, int iterations, double tolerance) {
        int n = x.length;
        double[][] s = new double[memory][];
        double[][] y = new double[memory][];
        double[] rho = new double[memory];
        double[] grad = new double[n];
        double value = f.evaluate(x, grad);
        double[] direction = new double[n];
        double[] alpha = new double[memory];
        int stored = 0;
        for (int iter = 0; iter < iterations; iter++) {
            for (int i = 0; i < n; i++) {
                direction[i] = -grad[i];
            }
            for (int k = stored - 1; k >= 0; k--) {
                alpha[k] = rho[k] * dot(s[k], direction);
                axpy(-alpha[k], y[k], direction);
            }
            if (stored > 0) {
                double gamma = dot(s[stored - 1], y[stored - 1]) / dot(y[stored - 1], y[stored - 1]);
                for (int i = 0; i < n; i++) {
                    direction[i] *= gamma;
                }
            }
            for (int k = 0; k < stored; k++) {
                double beta = rho[k] * dot(y[k], direction);
                axpy(alpha[k] - beta, s[k], direction);
            }
            double slope = dot(grad, direction);
            if (slope >= 0) {
                for (int i = 0; i < n; i++) {
                    direction[i] = -grad[i];
                }
                slope = dot(grad, direction);
                stored = 0;
            }
            double step = iter == 0 && stored == 0 ? 1.0 / Math.max(1.0, Math.sqrt(-slope)) : 1.0;
            double[] next = new double[n];
            double[] nextGrad = new double[n];
            double nextValue;
            int tries = 0;
            while (true) {
                for (int i = 0; i < n; i++) {
                    next[i] = x[i] + step * direction[i];
                }
                nextValue = f.evaluate(next, nextGrad);
                if (nextValue <= value + 1e-4 * step * slope || ++tries > 30) {
                    break;
                }
                step *= 0.5;
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = next[i] - x[i];
                yk[i] = nextGrad[i] - grad[i];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12) {
                if (stored == memory) {
                    System.arraycopy(s, 1, s, 0, memory - 1);
                    System.arraycopy(y, 1, y, 0, memory - 1);
                    System.arraycopy(rho, 1, rho, 0, memory - 1);
                    stored--;
                }
                s[stored] = sk;
                y[stored] = yk;
                rho[stored] = 1.0 / sy;
                stored++;
            }
            System.arraycopy(next, 0, x, 0, n);
            System.arraycopy(nextGrad, 0, grad, 0, n);
            double decrease = value - nextValue;
            value = nextValue;
            if (decrease <= tolerance * Math.max(1.0, Math.abs(value))) {
                break;
            }
        }
        return value;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
