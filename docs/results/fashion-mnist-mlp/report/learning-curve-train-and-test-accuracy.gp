# test (solid) and train (dashed) accuracy vs labelled points: mean over seeds, band = 95% Student-t CI. Made by bdal report.
set title 'test (solid) and train (dashed) accuracy (mean, 95% CI over seeds)'
set xlabel 'labelled points (initial set included)'
set ylabel 'accuracy'
set key outside right top box opaque
set grid
set terminal pngcairo size 1300,600 noenhanced font ',10'
if (!exists('png_out')) png_out = 'learning-curve-train-and-test-accuracy.png'
if (!exists('svg_out')) svg_out = 'learning-curve-train-and-test-accuracy.svg'
set output png_out
plot 'learning-curve-train-and-test-accuracy.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 1 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 2 using 1:3:4 with filledcurves lc 2 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 3 using 1:3:4 with filledcurves lc 2 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 4 using 1:3:4 with filledcurves lc 3 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 5 using 1:3:4 with filledcurves lc 3 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 6 using 1:3:4 with filledcurves lc 4 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 7 using 1:3:4 with filledcurves lc 4 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 8 using 1:3:4 with filledcurves lc 5 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 9 using 1:3:4 with filledcurves lc 5 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 10 using 1:3:4 with filledcurves lc 6 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 11 using 1:3:4 with filledcurves lc 6 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 12 using 1:3:4 with filledcurves lc 7 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 13 using 1:3:4 with filledcurves lc 7 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 14 using 1:3:4 with filledcurves lc 8 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 15 using 1:3:4 with filledcurves lc 8 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 16 using 1:3:4 with filledcurves lc rgb '#8c564b' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 17 using 1:3:4 with filledcurves lc rgb '#8c564b' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 18 using 1:3:4 with filledcurves lc rgb '#ff69b4' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 19 using 1:3:4 with filledcurves lc rgb '#ff69b4' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 0 using 1:2 with linespoints lc 1 dt 1 pt 7 ps 0.5 lw 2 title 'badge test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 1 using 1:2 with linespoints lc 1 dt 2 pt 7 ps 0.5 lw 2 title 'badge train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 2 using 1:2 with linespoints lc 2 dt 1 pt 7 ps 0.5 lw 2 title 'bald test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 3 using 1:2 with linespoints lc 2 dt 2 pt 7 ps 0.5 lw 2 title 'bald train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 4 using 1:2 with linespoints lc 3 dt 1 pt 7 ps 0.5 lw 2 title 'batch-bald test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 5 using 1:2 with linespoints lc 3 dt 2 pt 7 ps 0.5 lw 2 title 'batch-bald train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 6 using 1:2 with linespoints lc 4 dt 1 pt 7 ps 0.5 lw 2 title 'core-set test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 7 using 1:2 with linespoints lc 4 dt 2 pt 7 ps 0.5 lw 2 title 'core-set train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 8 using 1:2 with linespoints lc 5 dt 1 pt 7 ps 0.5 lw 2 title 'csal test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 9 using 1:2 with linespoints lc 5 dt 2 pt 7 ps 0.5 lw 2 title 'csal train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 10 using 1:2 with linespoints lc 6 dt 1 pt 7 ps 0.5 lw 2 title 'least-confidence test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 11 using 1:2 with linespoints lc 6 dt 2 pt 7 ps 0.5 lw 2 title 'least-confidence train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 12 using 1:2 with linespoints lc 7 dt 1 pt 7 ps 0.5 lw 2 title 'margin test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 13 using 1:2 with linespoints lc 7 dt 2 pt 7 ps 0.5 lw 2 title 'margin train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 14 using 1:2 with linespoints lc 8 dt 1 pt 7 ps 0.5 lw 2 title 'max-entropy test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 15 using 1:2 with linespoints lc 8 dt 2 pt 7 ps 0.5 lw 2 title 'max-entropy train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 16 using 1:2 with linespoints lc rgb '#8c564b' dt 1 pt 7 ps 0.5 lw 2 title 'power-bald test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 17 using 1:2 with linespoints lc rgb '#8c564b' dt 2 pt 7 ps 0.5 lw 2 title 'power-bald train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 18 using 1:2 with linespoints lc rgb '#ff69b4' dt 1 pt 7 ps 0.5 lw 2 title 'random test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 19 using 1:2 with linespoints lc rgb '#ff69b4' dt 2 pt 7 ps 0.5 lw 2 title 'random train accuracy (labelled set) (n=3)'
set terminal svg size 1300,600 noenhanced font 'sans,11' background '#ffffff'
set output svg_out
plot 'learning-curve-train-and-test-accuracy.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 1 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 2 using 1:3:4 with filledcurves lc 2 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 3 using 1:3:4 with filledcurves lc 2 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 4 using 1:3:4 with filledcurves lc 3 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 5 using 1:3:4 with filledcurves lc 3 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 6 using 1:3:4 with filledcurves lc 4 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 7 using 1:3:4 with filledcurves lc 4 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 8 using 1:3:4 with filledcurves lc 5 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 9 using 1:3:4 with filledcurves lc 5 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 10 using 1:3:4 with filledcurves lc 6 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 11 using 1:3:4 with filledcurves lc 6 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 12 using 1:3:4 with filledcurves lc 7 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 13 using 1:3:4 with filledcurves lc 7 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 14 using 1:3:4 with filledcurves lc 8 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 15 using 1:3:4 with filledcurves lc 8 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 16 using 1:3:4 with filledcurves lc rgb '#8c564b' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 17 using 1:3:4 with filledcurves lc rgb '#8c564b' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 18 using 1:3:4 with filledcurves lc rgb '#ff69b4' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 19 using 1:3:4 with filledcurves lc rgb '#ff69b4' fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 0 using 1:2 with linespoints lc 1 dt 1 pt 7 ps 0.5 lw 2 title 'badge test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 1 using 1:2 with linespoints lc 1 dt 2 pt 7 ps 0.5 lw 2 title 'badge train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 2 using 1:2 with linespoints lc 2 dt 1 pt 7 ps 0.5 lw 2 title 'bald test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 3 using 1:2 with linespoints lc 2 dt 2 pt 7 ps 0.5 lw 2 title 'bald train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 4 using 1:2 with linespoints lc 3 dt 1 pt 7 ps 0.5 lw 2 title 'batch-bald test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 5 using 1:2 with linespoints lc 3 dt 2 pt 7 ps 0.5 lw 2 title 'batch-bald train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 6 using 1:2 with linespoints lc 4 dt 1 pt 7 ps 0.5 lw 2 title 'core-set test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 7 using 1:2 with linespoints lc 4 dt 2 pt 7 ps 0.5 lw 2 title 'core-set train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 8 using 1:2 with linespoints lc 5 dt 1 pt 7 ps 0.5 lw 2 title 'csal test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 9 using 1:2 with linespoints lc 5 dt 2 pt 7 ps 0.5 lw 2 title 'csal train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 10 using 1:2 with linespoints lc 6 dt 1 pt 7 ps 0.5 lw 2 title 'least-confidence test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 11 using 1:2 with linespoints lc 6 dt 2 pt 7 ps 0.5 lw 2 title 'least-confidence train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 12 using 1:2 with linespoints lc 7 dt 1 pt 7 ps 0.5 lw 2 title 'margin test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 13 using 1:2 with linespoints lc 7 dt 2 pt 7 ps 0.5 lw 2 title 'margin train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 14 using 1:2 with linespoints lc 8 dt 1 pt 7 ps 0.5 lw 2 title 'max-entropy test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 15 using 1:2 with linespoints lc 8 dt 2 pt 7 ps 0.5 lw 2 title 'max-entropy train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 16 using 1:2 with linespoints lc rgb '#8c564b' dt 1 pt 7 ps 0.5 lw 2 title 'power-bald test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 17 using 1:2 with linespoints lc rgb '#8c564b' dt 2 pt 7 ps 0.5 lw 2 title 'power-bald train accuracy (labelled set) (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 18 using 1:2 with linespoints lc rgb '#ff69b4' dt 1 pt 7 ps 0.5 lw 2 title 'random test accuracy (n=3)', \
     'learning-curve-train-and-test-accuracy.dat' index 19 using 1:2 with linespoints lc rgb '#ff69b4' dt 2 pt 7 ps 0.5 lw 2 title 'random train accuracy (labelled set) (n=3)'
unset output
