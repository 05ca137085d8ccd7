# test (solid) and train (dashed) accuracy vs labelled points: mean over seeds, band = 95% Student-t CI. Made by bdal report.
set title 'test (solid) and train (dashed) accuracy (mean, 95% CI over seeds)'
set xlabel 'labelled points (initial set included)'
set ylabel 'accuracy'
set key bottom right box opaque
set grid
set terminal pngcairo size 900,600 noenhanced font ',10'
if (!exists('png_out')) png_out = 'learning-curve-train-and-test-accuracy.png'
if (!exists('svg_out')) svg_out = 'learning-curve-train-and-test-accuracy.svg'
set output png_out
plot 'learning-curve-train-and-test-accuracy.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 1 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 0 using 1:2 with linespoints lc 1 dt 1 pt 7 ps 0.5 lw 2 title 'csal test accuracy (n=2)', \
     'learning-curve-train-and-test-accuracy.dat' index 1 using 1:2 with linespoints lc 1 dt 2 pt 7 ps 0.5 lw 2 title 'csal train accuracy (labelled set) (n=2)'
set terminal svg size 900,600 noenhanced font 'sans,11' background '#ffffff'
set output svg_out
plot 'learning-curve-train-and-test-accuracy.dat' index 0 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 1 using 1:3:4 with filledcurves lc 1 fs transparent solid 0.2 noborder notitle, \
     'learning-curve-train-and-test-accuracy.dat' index 0 using 1:2 with linespoints lc 1 dt 1 pt 7 ps 0.5 lw 2 title 'csal test accuracy (n=2)', \
     'learning-curve-train-and-test-accuracy.dat' index 1 using 1:2 with linespoints lc 1 dt 2 pt 7 ps 0.5 lw 2 title 'csal train accuracy (labelled set) (n=2)'
unset output
