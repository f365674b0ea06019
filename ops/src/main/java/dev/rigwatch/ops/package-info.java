/**
 * Operators' tools over the topics: import history from files, replay a time range, backtest the signals on
 * history, and reset a streams application to reprocess. The {@code app} module's commands are thin shells over
 * these classes.
 */
package dev.rigwatch.ops;
