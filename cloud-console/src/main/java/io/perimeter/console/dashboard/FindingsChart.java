package io.perimeter.console.dashboard;

import io.perimeter.cloud.inventory.DashboardView;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings first seen per day as stacked bars, one colour per severity: the geometry of an SVG chart drawn on the
 * server, so the dashboard needs no script. Coordinates are in the SVG's own units ({@link #WIDTH} × {@link #HEIGHT}).
 *
 * @param max   the tallest day's count, the top of the scale (at least 1)
 * @param ticks the days labelled under the bars
 */
public record FindingsChart(long max, List<Bar> bars, List<Tick> ticks) {
    public static final int WIDTH = 600;
    public static final int HEIGHT = 160;
    /** Room under the bars for the day labels. */
    public static final int PLOT_HEIGHT = 140;
    private static final int TICK_EVERY = 7;

    /** One day: its stacked segments, lowest severity at the bottom. */
    public record Bar(String day, long total, List<Segment> segments) {
    }

    public record Segment(String severity, long count, int x, int y, int width, int height) {
    }

    public record Tick(int x, String label) {
    }

    public static FindingsChart of(List<DashboardView.DayCount> days, List<String> severities) {
        long max = Math.max(1, days.stream().mapToLong(DashboardView.DayCount::total).max().orElse(0));
        int slot = days.isEmpty() ? WIDTH : WIDTH / days.size();
        int barWidth = Math.max(1, slot - 4);
        List<Bar> bars = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            DashboardView.DayCount day = days.get(i);
            int x = i * slot + 2;
            int top = PLOT_HEIGHT;
            List<Segment> segments = new ArrayList<>();
            for (String severity : severities.reversed()) {
                long count = day.bySeverity().getOrDefault(severity, 0L);
                if (count > 0) {
                    int height = Math.max(1, (int) Math.round((double) count * PLOT_HEIGHT / max));
                    top -= height;
                    segments.add(new Segment(severity, count, x, top, barWidth, height));
                }
            }
            bars.add(new Bar(day.day().toString(), day.total(), segments));
            if ((days.size() - 1 - i) % TICK_EVERY == 0) {
                ticks.add(new Tick(x + barWidth / 2, day.day().toString().substring(5)));
            }
        }
        return new FindingsChart(max, bars, ticks);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int plotHeight() {
        return PLOT_HEIGHT;
    }

    public boolean empty() {
        return bars.stream().allMatch(bar -> bar.total() == 0);
    }
}
