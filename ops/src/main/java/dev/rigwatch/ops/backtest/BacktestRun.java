package dev.rigwatch.ops.backtest;

/**
 * What a backtest run gives: the report, and the closed candles it was computed on, for a parameter sweep.
 */
public record BacktestRun(BacktestReport report, ClosedCandles candles) {
}
