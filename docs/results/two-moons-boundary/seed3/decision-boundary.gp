# The decision-boundary study: one panel per strategy. Regenerate the figure
# with `gnuplot decision-boundary.gp` in this directory.
# The boundary is the contour p_class1 = 0.5 of the MC-averaged prediction.
set contour base
set cntrparam levels discrete 0.5
unset surface
set view map
set table 'decision-boundary-contour.dat'
splot 'decision-boundary-grid.dat' using 1:2:5 with lines notitle
unset table
unset contour
set surface
set xrange [-1.7222187519073486:2.7933318614959717]
set yrange [-1.2251113057136536:1.7614848613739014]
set size ratio -1
set palette defined (0 '#440154', 0.25 '#3b528b', 0.5 '#21908d', 0.75 '#5dc963', 1 '#fde725')
set key bottom right opaque box font ',8' samplen 1
set terminal pngcairo size 1860,920 noenhanced font ',10'
if (!exists('png_out')) png_out = 'decision-boundary.png'
if (!exists('svg_out')) svg_out = 'decision-boundary.svg'
set output png_out
set multiplot layout 2,3
set title 'margin: next 10 picks over margin score'
plot 'decision-boundary-grid.dat' using 1:2:6 with image notitle, \
  'decision-boundary-pool.dat' using 1:2 with points pt 7 ps 0.25 lc rgb '#a0ffffff' title 'pool', \
  'decision-boundary-contour.dat' using 1:2 with lines lw 2 lc rgb '#000000' title 'boundary', \
  'decision-boundary-labelled.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 5 ps 1.3 lc rgb '#1f77b4' title 'labelled, class 0', \
  'decision-boundary-labelled.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 1.5 lc rgb '#ff7f0e' title 'labelled, class 1', \
  'decision-boundary-picks.dat' index 0 using 1:2 with points pt 6 ps 2.2 lw 2.5 lc rgb '#e01010' title 'next picks'
set title 'max-entropy: next 10 picks over predictive entropy'
plot 'decision-boundary-grid.dat' using 1:2:7 with image notitle, \
  'decision-boundary-pool.dat' using 1:2 with points pt 7 ps 0.25 lc rgb '#a0ffffff' title 'pool', \
  'decision-boundary-contour.dat' using 1:2 with lines lw 2 lc rgb '#000000' title 'boundary', \
  'decision-boundary-labelled.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 5 ps 1.3 lc rgb '#1f77b4' title 'labelled, class 0', \
  'decision-boundary-labelled.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 1.5 lc rgb '#ff7f0e' title 'labelled, class 1', \
  'decision-boundary-picks.dat' index 1 using 1:2 with points pt 6 ps 2.2 lw 2.5 lc rgb '#e01010' title 'next picks'
set title 'bald: next 10 picks over BALD (mutual information)'
plot 'decision-boundary-grid.dat' using 1:2:8 with image notitle, \
  'decision-boundary-pool.dat' using 1:2 with points pt 7 ps 0.25 lc rgb '#a0ffffff' title 'pool', \
  'decision-boundary-contour.dat' using 1:2 with lines lw 2 lc rgb '#000000' title 'boundary', \
  'decision-boundary-labelled.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 5 ps 1.3 lc rgb '#1f77b4' title 'labelled, class 0', \
  'decision-boundary-labelled.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 1.5 lc rgb '#ff7f0e' title 'labelled, class 1', \
  'decision-boundary-picks.dat' index 2 using 1:2 with points pt 6 ps 2.2 lw 2.5 lc rgb '#e01010' title 'next picks'
set title 'random: next 10 picks over predictive entropy'
plot 'decision-boundary-grid.dat' using 1:2:9 with image notitle, \
  'decision-boundary-pool.dat' using 1:2 with points pt 7 ps 0.25 lc rgb '#a0ffffff' title 'pool', \
  'decision-boundary-contour.dat' using 1:2 with lines lw 2 lc rgb '#000000' title 'boundary', \
  'decision-boundary-labelled.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 5 ps 1.3 lc rgb '#1f77b4' title 'labelled, class 0', \
  'decision-boundary-labelled.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 1.5 lc rgb '#ff7f0e' title 'labelled, class 1', \
  'decision-boundary-picks.dat' index 3 using 1:2 with points pt 6 ps 2.2 lw 2.5 lc rgb '#e01010' title 'next picks'
set title 'batch-bald: next 10 picks over predictive entropy'
plot 'decision-boundary-grid.dat' using 1:2:10 with image notitle, \
  'decision-boundary-pool.dat' using 1:2 with points pt 7 ps 0.25 lc rgb '#a0ffffff' title 'pool', \
  'decision-boundary-contour.dat' using 1:2 with lines lw 2 lc rgb '#000000' title 'boundary', \
  'decision-boundary-labelled.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 5 ps 1.3 lc rgb '#1f77b4' title 'labelled, class 0', \
  'decision-boundary-labelled.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 1.5 lc rgb '#ff7f0e' title 'labelled, class 1', \
  'decision-boundary-picks.dat' index 4 using 1:2 with points pt 6 ps 2.2 lw 2.5 lc rgb '#e01010' title 'next picks'
set title 'core-set: next 10 picks over predictive entropy'
plot 'decision-boundary-grid.dat' using 1:2:11 with image notitle, \
  'decision-boundary-pool.dat' using 1:2 with points pt 7 ps 0.25 lc rgb '#a0ffffff' title 'pool', \
  'decision-boundary-contour.dat' using 1:2 with lines lw 2 lc rgb '#000000' title 'boundary', \
  'decision-boundary-labelled.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 5 ps 1.3 lc rgb '#1f77b4' title 'labelled, class 0', \
  'decision-boundary-labelled.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 1.5 lc rgb '#ff7f0e' title 'labelled, class 1', \
  'decision-boundary-picks.dat' index 5 using 1:2 with points pt 6 ps 2.2 lw 2.5 lc rgb '#e01010' title 'next picks'
unset multiplot
set terminal svg size 1860,920 noenhanced font 'sans,11' background '#ffffff'
set output svg_out
set multiplot layout 2,3
set title 'margin: next 10 picks over margin score'
plot 'decision-boundary-grid.dat' using 1:2:6 with image notitle, \
  'decision-boundary-pool.dat' using 1:2 with points pt 7 ps 0.25 lc rgb '#a0ffffff' title 'pool', \
  'decision-boundary-contour.dat' using 1:2 with lines lw 2 lc rgb '#000000' title 'boundary', \
  'decision-boundary-labelled.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 5 ps 1.3 lc rgb '#1f77b4' title 'labelled, class 0', \
  'decision-boundary-labelled.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 1.5 lc rgb '#ff7f0e' title 'labelled, class 1', \
  'decision-boundary-picks.dat' index 0 using 1:2 with points pt 6 ps 2.2 lw 2.5 lc rgb '#e01010' title 'next picks'
set title 'max-entropy: next 10 picks over predictive entropy'
plot 'decision-boundary-grid.dat' using 1:2:7 with image notitle, \
  'decision-boundary-pool.dat' using 1:2 with points pt 7 ps 0.25 lc rgb '#a0ffffff' title 'pool', \
  'decision-boundary-contour.dat' using 1:2 with lines lw 2 lc rgb '#000000' title 'boundary', \
  'decision-boundary-labelled.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 5 ps 1.3 lc rgb '#1f77b4' title 'labelled, class 0', \
  'decision-boundary-labelled.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 1.5 lc rgb '#ff7f0e' title 'labelled, class 1', \
  'decision-boundary-picks.dat' index 1 using 1:2 with points pt 6 ps 2.2 lw 2.5 lc rgb '#e01010' title 'next picks'
set title 'bald: next 10 picks over BALD (mutual information)'
plot 'decision-boundary-grid.dat' using 1:2:8 with image notitle, \
  'decision-boundary-pool.dat' using 1:2 with points pt 7 ps 0.25 lc rgb '#a0ffffff' title 'pool', \
  'decision-boundary-contour.dat' using 1:2 with lines lw 2 lc rgb '#000000' title 'boundary', \
  'decision-boundary-labelled.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 5 ps 1.3 lc rgb '#1f77b4' title 'labelled, class 0', \
  'decision-boundary-labelled.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 1.5 lc rgb '#ff7f0e' title 'labelled, class 1', \
  'decision-boundary-picks.dat' index 2 using 1:2 with points pt 6 ps 2.2 lw 2.5 lc rgb '#e01010' title 'next picks'
set title 'random: next 10 picks over predictive entropy'
plot 'decision-boundary-grid.dat' using 1:2:9 with image notitle, \
  'decision-boundary-pool.dat' using 1:2 with points pt 7 ps 0.25 lc rgb '#a0ffffff' title 'pool', \
  'decision-boundary-contour.dat' using 1:2 with lines lw 2 lc rgb '#000000' title 'boundary', \
  'decision-boundary-labelled.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 5 ps 1.3 lc rgb '#1f77b4' title 'labelled, class 0', \
  'decision-boundary-labelled.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 1.5 lc rgb '#ff7f0e' title 'labelled, class 1', \
  'decision-boundary-picks.dat' index 3 using 1:2 with points pt 6 ps 2.2 lw 2.5 lc rgb '#e01010' title 'next picks'
set title 'batch-bald: next 10 picks over predictive entropy'
plot 'decision-boundary-grid.dat' using 1:2:10 with image notitle, \
  'decision-boundary-pool.dat' using 1:2 with points pt 7 ps 0.25 lc rgb '#a0ffffff' title 'pool', \
  'decision-boundary-contour.dat' using 1:2 with lines lw 2 lc rgb '#000000' title 'boundary', \
  'decision-boundary-labelled.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 5 ps 1.3 lc rgb '#1f77b4' title 'labelled, class 0', \
  'decision-boundary-labelled.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 1.5 lc rgb '#ff7f0e' title 'labelled, class 1', \
  'decision-boundary-picks.dat' index 4 using 1:2 with points pt 6 ps 2.2 lw 2.5 lc rgb '#e01010' title 'next picks'
set title 'core-set: next 10 picks over predictive entropy'
plot 'decision-boundary-grid.dat' using 1:2:11 with image notitle, \
  'decision-boundary-pool.dat' using 1:2 with points pt 7 ps 0.25 lc rgb '#a0ffffff' title 'pool', \
  'decision-boundary-contour.dat' using 1:2 with lines lw 2 lc rgb '#000000' title 'boundary', \
  'decision-boundary-labelled.dat' using 1:($3 == 0 ? $2 : 1/0) with points pt 5 ps 1.3 lc rgb '#1f77b4' title 'labelled, class 0', \
  'decision-boundary-labelled.dat' using 1:($3 == 1 ? $2 : 1/0) with points pt 9 ps 1.5 lc rgb '#ff7f0e' title 'labelled, class 1', \
  'decision-boundary-picks.dat' index 5 using 1:2 with points pt 6 ps 2.2 lw 2.5 lc rgb '#e01010' title 'next picks'
unset multiplot
unset output
