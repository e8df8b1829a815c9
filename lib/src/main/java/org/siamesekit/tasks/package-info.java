/**
 * N-way one-shot tasks after Koch et al. (2015): one query, N candidates, one of
 * them of the query's class ({@link org.siamesekit.tasks.NWayTasks}).
 * Uses {@code data} and {@code pairs}.
 */
package org.siamesekit.tasks;
