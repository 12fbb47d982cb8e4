/* What the build switched on; WITH_COUNTERS comes from the build's -D flags. */
#ifndef STATS_CONFIG_H
#define STATS_CONFIG_H

#if WITH_COUNTERS
#define STATS_COUNTING 1
#endif

#endif
