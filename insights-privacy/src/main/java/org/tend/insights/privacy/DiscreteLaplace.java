package org.tend.insights.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exact samples of the discrete Laplace distribution (the two-sided geometric distribution): P[Y = y] is proportional
 * to exp(−|y|·s/t) for every integer y, here with scale t/s = sensitivity/ε.
 *
 * <p>Adding such a sample to an integer query of sensitivity Δ is ε-differentially private (the geometric mechanism of
 * Ghosh, Roughgarden and Sundararajan, "Universally utility-maximizing privacy mechanisms", STOC 2009; Canonne, Kamath
 * and Steinke, "The Discrete Gaussian for Differential Privacy", NeurIPS 2020, arXiv:2004.00010, §2). The sampler is
 * theirs, Algorithm 2 (discrete Laplace from uniform integers and Bernoulli(exp(−γ))) with Algorithm 1 (Bernoulli(exp(−γ))
 * for rational γ by the series of Bernoulli(γ/k) draws): it uses integer arithmetic and uniform integers only, so its
 * output has exactly the stated distribution. A floating-point Laplace sampler does not (Mironov, "On significance of
 * the least significant bits for differential privacy", CCS 2012): the set of doubles it can return around a true
 * value depends on that value, which an observer can read from the low bits.
 *
 * <p>The random source is a {@link SecureRandom} in production; tests give a seeded generator to check the
 * distribution reproducibly.
 */
public final class DiscreteLaplace {

    private final RandomGenerator random;

    public DiscreteLaplace(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A sampler drawing from a fresh {@link SecureRandom}. */
    public static DiscreteLaplace secure() {
        return new DiscreteLaplace(new SecureRandom());
    }

    /**
     * Noise for an integer query of the given sensitivity (the most one participant can change it) at privacy ε: a
     * sample of the discrete Laplace distribution with scale sensitivity/ε.
     */
    public long noise(long sensitivity, Epsilon epsilon) {
        if (sensitivity < 1) {
            throw new IllegalArgumentException("sensitivity ≥ 1");
        }
        if (!epsilon.isPositive()) {
            throw new IllegalArgumentException("ε > 0");
        }
        // scale = Δ/ε = Δ·den/num = t/s
        long t = BigInteger.valueOf(sensitivity).multiply(epsilon.denominator()).longValueExact();
        long s = epsilon.numerator().longValueExact();
        return sample(s, t);
    }

    /** Algorithm 2 of Canonne, Kamath and Steinke (2020): one sample of the discrete Laplace with scale t/s. */
    long sample(long s, long t) {
        if (s < 1 || t < 1) {
            throw new IllegalArgumentException("s, t ≥ 1");
        }
        while (true) {
            long u = random.nextLong(t);
            if (!bernoulliExpMinus(u, t)) {
                continue;
            }
            long v = 0;
            while (bernoulliExpMinus(1, 1)) {
                v++;
            }
            long x = Math.addExact(u, Math.multiplyExact(t, v));
            long y = x / s;
            boolean negative = random.nextBoolean();
            if (negative && y == 0) {
                continue;
            }
            return negative ? -y : y;
        }
    }

    /** Algorithm 1 of Canonne, Kamath and Steinke (2020): true with probability exp(−n/d), for n ≥ 0, d ≥ 1. */
    boolean bernoulliExpMinus(long n, long d) {
        if (n <= d) {
            long k = 1;
            while (bernoulli(n, Math.multiplyExact(d, k))) {
                k++;
            }
            return k % 2 == 1;
        }
        for (long i = n / d; i > 0; i--) {
            if (!bernoulliExpMinus(1, 1)) {
                return false;
            }
        }
        return bernoulliExpMinus(n % d, d);
    }

    /** True with probability n/d exactly, for 0 ≤ n ≤ d. */
    private boolean bernoulli(long n, long d) {
        return random.nextLong(d) < n;
    }
}
