package dev.gatehouse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart written as SVG text, 800×450: axes with ticks and labels (either axis linear or
 * logarithmic), one polyline with point markers per series, and a legend on the right. Plain
 * text so that the bench needs no plotting library; browsers and GitHub render it.
 */
final class SvgChart {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 450;
    private static final int LEFT = 70;
    private static final int RIGHT = 600;
    private static final int TOP = 40;
    private static final int BOTTOM = 390;

    /** Colours per target, so that a gateway has the same colour in every chart. */
    static String colour(String target) {
        return switch (target) {
            case "direct" -> "#7f7f7f";
            case "gatehouse" -> "#1f77b4";
            case "portkey" -> "#ff7f0e";
            default -> "#2ca02c";
        };
    }

    /** One line: its points as {x, y}; {@code dash} is an SVG dash array, or "" for a solid line. */
    record Series(String label, String colour, String dash, List<double[]> points) {
    }

    /** A legend entry; series are not listed one by one when the chart has these. */
    record Key(String label, String colour, String dash) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();
    private final List<Key> keys = new ArrayList<>();

    SvgChart(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
        this.logY = logY;
    }

    SvgChart add(Series s) {
        series.add(s);
        return this;
    }

    SvgChart key(Key k) {
        keys.add(k);
        return this;
    }

    void write(Path file) {
        try {
            Files.writeString(file, render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String render() {
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(f("<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT, esc(title)));
        // Which run drew it ($BENCH_RUN_LABEL, set by bench/run.sh), so a chart copied into the docs keeps its source.
        String run = System.getenv().getOrDefault("BENCH_RUN_LABEL", "");
        if (!run.isEmpty()) {
            svg.append(f("<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555\" text-anchor=\"end\">%s</text>%n",
                    WIDTH - 8, HEIGHT - 6, esc(run)));
        }
        List<double[]> points = series.stream().flatMap(s -> s.points().stream())
                .filter(p -> usable(p[0], logX) && usable(p[1], logY)).toList();
        if (points.isEmpty()) {
            svg.append(f("<text x=\"%d\" y=\"%d\">no data</text>%n</svg>%n", LEFT + 20, TOP + 40));
            return svg.toString();
        }
        Axis x = new Axis(points.stream().mapToDouble(p -> p[0]).min().orElseThrow(),
                points.stream().mapToDouble(p -> p[0]).max().orElseThrow(), logX, LEFT, RIGHT);
        Axis y = new Axis(points.stream().mapToDouble(p -> p[1]).min().orElseThrow(),
                points.stream().mapToDouble(p -> p[1]).max().orElseThrow(), logY, BOTTOM, TOP);
        axes(svg, x, y);
        for (Series s : series) {
            StringBuilder line = new StringBuilder();
            for (double[] p : s.points()) {
                if (usable(p[0], logX) && usable(p[1], logY)) {
                    line.append(f("%.1f,%.1f ", x.at(p[0]), y.at(p[1])));
                    svg.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>%n", x.at(p[0]), y.at(p[1]),
                            s.colour()));
                }
            }
            svg.append(f("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n", s.colour(),
                    s.dash().isEmpty() ? "" : " stroke-dasharray=\"" + s.dash() + "\"", line.toString().trim()));
        }
        legend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void axes(StringBuilder svg, Axis x, Axis y) {
        svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n", LEFT, TOP,
                RIGHT - LEFT, BOTTOM - TOP));
        for (double t : x.ticks()) {
            double px = x.at(t);
            svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", px, TOP, px, BOTTOM));
            svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>%n", px, BOTTOM, px,
                    BOTTOM + 5));
            svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, BOTTOM + 18, label(t)));
        }
        for (double t : y.ticks()) {
            double py = y.at(t);
            svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, py, RIGHT, py));
            svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>%n", LEFT - 5, py, LEFT, py));
            svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 8, py + 4, label(t)));
        }
        svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", (LEFT + RIGHT) / 2, BOTTOM + 40,
                esc(xLabel + (logX ? " (log scale)" : ""))));
        svg.append(f("<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
                (TOP + BOTTOM) / 2, esc(yLabel + (logY ? " (log scale)" : ""))));
    }

    private void legend(StringBuilder svg) {
        List<Key> entries = keys.isEmpty()
                ? series.stream().map(s -> new Key(s.label(), s.colour(), s.dash())).toList() : keys;
        int y = TOP + 10;
        for (Key k : entries) {
            svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    RIGHT + 15, y, RIGHT + 45, y, k.colour(),
                    k.dash().isEmpty() ? "" : " stroke-dasharray=\"" + k.dash() + "\""));
            svg.append(f("<text x=\"%d\" y=\"%d\">%s</text>%n", RIGHT + 52, y + 4, esc(k.label())));
            y += 20;
        }
    }

    private static boolean usable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** One axis: the data's range widened to whole ticks, mapped onto pixels {@code from}–{@code to}. */
    private record Axis(double lo, double hi, boolean log, int from, int to) {
        Axis {
            if (log) {
                lo = Math.pow(10, Math.floor(Math.log10(lo)));
                hi = Math.pow(10, Math.ceil(Math.log10(hi)));
                if (hi <= lo) {
                    hi = lo * 10;
                }
            } else {
                double step = step(Math.min(lo, 0), hi);
                lo = Math.floor(Math.min(lo, 0) / step) * step;
                hi = Math.ceil(hi / step) * step;
                if (hi <= lo) {
                    hi = lo + 1;
                }
            }
        }

        double at(double v) {
            double t = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
            return from + t * (to - from);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                double decades = Math.log10(hi / lo);
                double[] steps = decades <= 2 ? new double[] {1, 2, 5} : new double[] {1};
                for (double d = lo; d <= hi * 1.0001; d *= 10) {
                    for (double m : steps) {
                        if (d * m <= hi * 1.0001) {
                            ticks.add(d * m);
                        }
                    }
                }
            } else {
                double step = step(lo, hi);
                for (double v = lo; v <= hi + step / 1000; v += step) {
                    ticks.add(v);
                }
            }
            return ticks;
        }

        /** A step of 1, 2 or 5 times a power of ten giving about 5–10 ticks. */
        private static double step(double lo, double hi) {
            double raw = Math.max(hi - lo, 1e-9) / 8;
            double p = Math.pow(10, Math.floor(Math.log10(raw)));
            return raw <= p ? p : raw <= 2 * p ? 2 * p : raw <= 5 * p ? 5 * p : 10 * p;
        }
    }

    private static String label(double v) {
        if (v != 0 && Math.abs(v) >= 1000 && v % 1000 == 0) {
            return f("%,.0fk", v / 1000).replace(",", " ");
        }
        if (v == Math.rint(v)) {
            return f("%.0f", v);
        }
        return Math.abs(v) >= 0.1 ? f("%.1f", v) : f("%.3g", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
