# Metrics against split.initial_per_class: mean over seeds, band = 95% Student-t CI. Made by bdal report.
set xlabel 'split.initial_per_class'
set grid
set logscale x 2
set terminal pngcairo size 1200,500 noenhanced font ',10'
if (!exists('png_out')) png_out = 'metric-vs-split.initial_per_class.png'
if (!exists('svg_out')) svg_out = 'metric-vs-split.initial_per_class.svg'
set output png_out
set multiplot layout 1,2
set title 'accuracy (test solid, train dashed)'
set ylabel 'accuracy'
set key bottom right box opaque
plot 'metric-vs-split.initial_per_class.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, 'metric-vs-split.initial_per_class.dat' index 0 using 1:2 with linespoints lc 1 dt 1 pt 7 ps 0.6 lw 2 title 'random (n=5) test', \
     'metric-vs-split.initial_per_class.dat' index 0 using 1:9:10 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, 'metric-vs-split.initial_per_class.dat' index 0 using 1:8 with linespoints lc 1 dt 2 pt 7 ps 0.6 lw 2 title 'random (n=5) train'
set title 'test NLL'
set ylabel 'NLL (nats)'
set key top right box opaque
plot 'metric-vs-split.initial_per_class.dat' index 0 using 1:6:7 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, 'metric-vs-split.initial_per_class.dat' index 0 using 1:5 with linespoints lc 1 dt 1 pt 7 ps 0.6 lw 2 title 'random (n=5)'
unset multiplot
set terminal svg size 1200,500 noenhanced font 'sans,11' background '#ffffff'
set output svg_out
set multiplot layout 1,2
set title 'accuracy (test solid, train dashed)'
set ylabel 'accuracy'
set key bottom right box opaque
plot 'metric-vs-split.initial_per_class.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, 'metric-vs-split.initial_per_class.dat' index 0 using 1:2 with linespoints lc 1 dt 1 pt 7 ps 0.6 lw 2 title 'random (n=5) test', \
     'metric-vs-split.initial_per_class.dat' index 0 using 1:9:10 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, 'metric-vs-split.initial_per_class.dat' index 0 using 1:8 with linespoints lc 1 dt 2 pt 7 ps 0.6 lw 2 title 'random (n=5) train'
set title 'test NLL'
set ylabel 'NLL (nats)'
set key top right box opaque
plot 'metric-vs-split.initial_per_class.dat' index 0 using 1:6:7 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, 'metric-vs-split.initial_per_class.dat' index 0 using 1:5 with linespoints lc 1 dt 1 pt 7 ps 0.6 lw 2 title 'random (n=5)'
unset multiplot
unset output
