package io.perimeter.console.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.cloud.inventory.DashboardView;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingsChartTest {
    private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");

    @Test
    void barsStackBySeverityAndTheTallestDayFillsThePlot() {
        List<DashboardView.DayCount> days = new ArrayList<>();
        LocalDate first = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < 30; i++) {
            Map<String, Long> bySeverity = i == 29 ? Map.of("critical", 1L, "low", 3L) : i == 10 ? Map.of("high", 2L)
                    : Map.of();
            days.add(new DashboardView.DayCount(first.plusDays(i),
                    bySeverity.values().stream().mapToLong(Long::longValue).sum(), bySeverity));
        }

        FindingsChart chart = FindingsChart.of(days, SEVERITIES);

        assertThat(chart.max()).isEqualTo(4);
        assertThat(chart.bars()).hasSize(30);
        FindingsChart.Bar last = chart.bars().getLast();
        assertThat(last.segments()).extracting(FindingsChart.Segment::severity).containsExactly("low", "critical");
        assertThat(last.segments().getFirst().y() + last.segments().getFirst().height())
                .isEqualTo(FindingsChart.PLOT_HEIGHT);
        assertThat(last.segments().getLast().y()).isZero();
        assertThat(chart.bars().get(10).segments().getFirst().height()).isEqualTo(FindingsChart.PLOT_HEIGHT / 2);
        assertThat(chart.ticks()).extracting(FindingsChart.Tick::label).endsWith("01-30").contains("01-23");
        assertThat(chart.empty()).isFalse();
    }
}
