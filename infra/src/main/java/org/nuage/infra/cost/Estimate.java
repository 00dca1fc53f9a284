package org.nuage.infra.cost;

import java.util.List;

/** A priced quantity broken into its lines, e.g. one idle month. */
public record Estimate(String title, List<Line> lines) {

    public Estimate {
        lines = List.copyOf(lines);
    }

    /** One priced item: what, how much of it, and its dollars. */
    public record Line(String item, String quantity, double dollars) {
    }

    public double total() {
        return lines.stream().mapToDouble(Line::dollars).sum();
    }

    /** A Markdown table of the lines and their total. */
    public String markdown() {
        StringBuilder out = new StringBuilder("**" + title + "**\n\n| item | quantity | US$ |\n| --- | --- | ---: |\n");
        for (Line line : lines) {
            out.append("| ").append(line.item()).append(" | ").append(line.quantity()).append(" | ")
                    .append(dollars(line.dollars())).append(" |\n");
        }
        return out.append("| **total** | | **").append(dollars(total())).append("** |\n").toString();
    }

    static String dollars(double amount) {
        return amount != 0 && Math.abs(amount) < 0.01 ? String.format("%.4f", amount) : String.format("%.2f", amount);
    }
}
