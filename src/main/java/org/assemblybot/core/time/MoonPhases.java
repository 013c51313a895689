package org.assemblybot.core.time;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The instants of new moon (UTC), for movements that "think in moons". Computed with the method of Jean
 * Meeus, <i>Astronomical Algorithms</i> (2nd ed.), chapter 49 "Phases of the Moon": the mean phase of
 * lunation {@code k} (k = 0 is the new moon of 2000-01-06) plus the periodic terms for the new moon and the
 * fourteen planetary arguments A1–A14. That gives Terrestrial (Dynamical) Time, about a minute off the real
 * conjunction; the difference ΔT = TT − UT comes from the polynomials of Espenak and Meeus (NASA, "Five
 * Millennium Canon of Solar Eclipses"). Meant for the years 1900 to 2200; instants outside 1000–3000 are
 * refused, as nothing the bot schedules lies there and ΔT is a guess that far out.
 */
public final class MoonPhases {
    /** Meeus (49.1): the mean new moon of lunation 0, as a Julian Ephemeris Day. */
    private static final double EPOCH_JDE = 2451550.09766;
    private static final double SYNODIC_MONTH_DAYS = 29.530588861;
    private static final double UNIX_EPOCH_JD = 2440587.5;
    private static final double SECONDS_PER_DAY = 86400.0;
    private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

    /** Meeus table 49.A: coefficient, increase per lunation (degrees) of A1..A14; A1 also has a T² term. */
    private static final double[][] PLANETARY = {
            {0.000325, 299.77, 0.107408}, {0.000165, 251.88, 0.016321}, {0.000164, 251.83, 26.651886},
            {0.000126, 349.42, 36.412478}, {0.000110, 84.66, 18.206239}, {0.000062, 141.74, 53.303771},
            {0.000060, 207.14, 2.453732}, {0.000056, 154.84, 7.306860}, {0.000047, 34.52, 27.261239},
            {0.000042, 207.19, 0.121824}, {0.000040, 291.34, 1.844379}, {0.000037, 161.72, 24.198154},
            {0.000035, 239.56, 25.513099}, {0.000023, 331.55, 3.592518}};

    private MoonPhases() {
    }

    /** The first new moon at or after {@code instant}. */
    public static Instant newMoonOnOrAfter(Instant instant) {
        long k = lunationBefore(instant);
        Instant moon = newMoon(k);
        while (moon.isBefore(instant)) {
            moon = newMoon(++k);
        }
        return moon;
    }

    /** The last new moon strictly before {@code instant}. */
    public static Instant newMoonBefore(Instant instant) {
        long k = lunationBefore(instant);
        Instant next = newMoon(k + 1);
        while (next.isBefore(instant)) {
            k++;
            next = newMoon(k + 1);
        }
        return newMoon(k);
    }

    /** The new moons at or after {@code from} and strictly before {@code until}, in order. */
    public static List<Instant> newMoonsBetween(Instant from, Instant until) {
        List<Instant> moons = new ArrayList<>();
        long k = lunationBefore(from);
        for (Instant moon = newMoon(k); moon.isBefore(until); moon = newMoon(++k)) {
            if (!moon.isBefore(from)) {
                moons.add(moon);
            }
        }
        return moons;
    }

    /**
     * A lunation whose new moon is surely before {@code instant}: the periodic terms move a new moon at most
     * about 14 hours off its mean phase, so one lunation back from the mean estimate is enough.
     */
    private static long lunationBefore(Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("New moons are computed for the years 1000 to 3000 only: " + instant);
        }
        double jd = UNIX_EPOCH_JD + instant.getEpochSecond() / SECONDS_PER_DAY;
        return (long) Math.floor((jd - EPOCH_JDE) / SYNODIC_MONTH_DAYS) - 1;
    }

    /** The new moon of lunation {@code k} (0 = 2000-01-06, negative before), to the second. */
    static Instant newMoon(long k) {
        double jde = newMoonJde(k);
        double year = 2000 + (jde - 2451545.0) / 365.25;
        double unixSeconds = (jde - UNIX_EPOCH_JD) * SECONDS_PER_DAY - deltaTSeconds(year);
        return Instant.ofEpochSecond(Math.round(unixSeconds));
    }

    /** Meeus chapter 49: the true new moon of lunation {@code k} as a Julian Ephemeris Day (TT). */
    static double newMoonJde(long k) {
        double t = k / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        double t4 = t3 * t;
        double jde = EPOCH_JDE + SYNODIC_MONTH_DAYS * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
        double e = 1 - 0.002516 * t - 0.0000074 * t2;
        // M, M', F and Ω of Meeus (49.4)–(49.7): the anomalies of Sun and Moon, the Moon's argument of latitude
        // and the longitude of its ascending node.
        double m = Math.toRadians(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
        double mp = Math.toRadians(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3
                - 0.000000058 * t4);
        double f = Math.toRadians(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3
                + 0.000000011 * t4);
        double node = Math.toRadians(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
        double f2 = 2 * f;
        double periodic = -0.40720 * Math.sin(mp)
                + 0.17241 * e * Math.sin(m)
                + 0.01608 * Math.sin(2 * mp)
                + 0.01039 * Math.sin(f2)
                + 0.00739 * e * Math.sin(mp - m)
                - 0.00514 * e * Math.sin(mp + m)
                + 0.00208 * e * e * Math.sin(2 * m)
                - 0.00111 * Math.sin(mp - f2)
                - 0.00057 * Math.sin(mp + f2)
                + 0.00056 * e * Math.sin(2 * mp + m)
                - 0.00042 * Math.sin(3 * mp)
                + 0.00042 * e * Math.sin(m + f2)
                + 0.00038 * e * Math.sin(m - f2)
                - 0.00024 * e * Math.sin(2 * mp - m)
                - 0.00017 * Math.sin(node)
                - 0.00007 * Math.sin(mp + 2 * m)
                + 0.00004 * Math.sin(2 * mp - f2)
                + 0.00004 * Math.sin(3 * m)
                + 0.00003 * Math.sin(mp + m - f2)
                + 0.00003 * Math.sin(2 * mp + f2)
                - 0.00003 * Math.sin(mp + m + f2)
                + 0.00003 * Math.sin(mp - m + f2)
                - 0.00002 * Math.sin(mp - m - f2)
                - 0.00002 * Math.sin(3 * mp + m)
                + 0.00002 * Math.sin(4 * mp);
        double planetary = 0;
        for (int i = 0; i < PLANETARY.length; i++) {
            double[] term = PLANETARY[i];
            double degrees = term[1] + term[2] * k - (i == 0 ? 0.009173 * t2 : 0);
            planetary += term[0] * Math.sin(Math.toRadians(degrees));
        }
        return jde + periodic + planetary;
    }

    /**
     * ΔT = TT − UT in seconds for a decimal year: the polynomials of Espenak and Meeus from 1900 on, their
     * long-term parabola elsewhere.
     */
    static double deltaTSeconds(double year) {
        if (year >= 1900 && year < 1920) {
            double t = year - 1900;
            return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t - 0.000197 * t * t * t * t;
        }
        if (year >= 1920 && year < 1941) {
            double t = year - 1920;
            return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
        }
        if (year >= 1941 && year < 1961) {
            double t = year - 1950;
            return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
        }
        if (year >= 1961 && year < 1986) {
            double t = year - 1975;
            return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
        }
        if (year >= 1986 && year < 2005) {
            double t = year - 2000;
            return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t + 0.000651814 * t * t * t * t
                    + 0.00002373599 * t * t * t * t * t;
        }
        if (year >= 2005 && year < 2050) {
            double t = year - 2000;
            return 62.92 + 0.32217 * t + 0.005589 * t * t;
        }
        double u = (year - 1820) / 100;
        double parabola = -20 + 32 * u * u;
        if (year >= 2050 && year < 2150) {
            return parabola - 0.5628 * (2150 - year);
        }
        return parabola;
    }
}
